/**
 * The OpenAPI document, generated from the route schemas. A copy is committed at
 * docs/api/openapi.json (`npm run openapi` rewrites it; a test fails when it drifts).
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { createFieldCipher } from './crypto/field-cipher.js';
import type { DB } from './db/schema.js';

export const OPENAPI_FILE = 'docs/api/openapi.json';

export async function generateOpenApi(): Promise<string> {
  // Routes are only registered, never called: the pool never connects.
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
  const app = await buildApp({
    config: loadConfig({}),
    db,
    databaseKind: 'postgres',
    clock: systemClock,
    nudge: () => undefined,
    dataCipher: createFieldCipher(randomBytes(32)),
  });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  await db.destroy();
  return doc;
}
