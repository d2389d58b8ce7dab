/**
 * An app on a fresh test database, plus helpers to log in and call it with `inject()`.
 * Nothing listens on a port.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { fixedClock, type Clock } from '../src/server/clock.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { TEST_DATA_KEY } from '../src/server/crypto/data-key.js';
import { createFieldCipher } from '../src/server/crypto/field-cipher.js';
import type { Database } from '../src/server/db/connect.js';
import { createTestDatabase } from './db.js';

export const NOW = new Date('2026-07-21T03:00:00Z'); // 10:00 WIB, 11:00 WITA

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: Clock & { set(d: Date | string): void };
  nudged: string[];
  close(): Promise<void>;
}

export function movableClock(start: Date = NOW): Clock & { set(d: Date | string): void } {
  let now = new Date(start);
  return { now: () => new Date(now), set: (d) => void (now = new Date(d)) };
}

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    database?: Database;
    logger?: object;
    /** A built web app to serve (index.html and its files). */
    webDir?: string;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    RPB_DEMO: '0',
    RPB_DATA_DIR: '/nonexistent-rpb-test',
    RPB_LOGIN_RATE_LIMIT: '1000',
    ...options.env,
  });
  const clock = movableClock();
  const nudged: string[] = [];
  const app = await buildApp(
    {
      config,
      db: database.db,
      databaseKind: database.kind,
      clock,
      nudge: (q) => void nudged.push(q),
      // RPB_DATA_KEY in options.env, else the fixed test key (the test PostgreSQL server's too).
      dataCipher: createFieldCipher(config.dataKey ?? TEST_DATA_KEY),
    },
    {
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.webDir ? { webDir: options.webDir } : {}),
    },
  );
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    nudged,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

export { fixedClock };

/** A logged-in browser-like session: the cookie and the CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rpb_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `rpb_session=${cookie.value}`,
    csrf: (res.json() as { csrfToken: string }).csrfToken,
  };
}

/** inject() as a logged-in user, adding the CSRF header on writes. */
export function as(app: FastifyInstance, s: Session) {
  return (opts: {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse> =>
    app.inject({
      method: opts.method,
      url: opts.url,
      ...(opts.payload !== undefined ? { payload: opts.payload as object } : {}),
      headers: {
        cookie: s.cookie,
        ...(opts.method === 'GET' ? {} : { 'x-csrf-token': s.csrf }),
        ...opts.headers,
      },
    });
}

/**
 * Walks a paginated list one item per page, following `nextCursor`, and returns the ids in
 * order — for checking that cursors neither skip nor repeat a row (compare with one big page).
 */
export async function idsPageByPage(app: FastifyInstance, s: Session, url: string) {
  const ids: string[] = [];
  const sep = url.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const res = await as(
      app,
      s,
    )({
      method: 'GET',
      url: `${url}${sep}limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error(`${url}: more than 500 pages`);
}

/** The ids of one big page of a list (the order the cursors must follow). */
export async function idsInOnePage(app: FastifyInstance, s: Session, url: string) {
  const sep = url.includes('?') ? '&' : '?';
  const res = await as(app, s)({ method: 'GET', url: `${url}${sep}limit=100` });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
}

/** A multipart/form-data body with one file in the field "file", for inject(). */
export function multipartFile(
  filename: string,
  bytes: Uint8Array,
  contentType = 'application/octet-stream',
) {
  const boundary = `----rpb${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
