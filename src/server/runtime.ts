/**
 * Starts RPB as one process: database (migrated), demo data when asked, background workers and
 * the HTTP server; closes them all cleanly on SIGINT/SIGTERM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import { ConfigError, type Config } from './config.js';
import { resolveDataKey, type ResolvedDataKey } from './crypto/data-key.js';
import { createFieldCipher, FieldDecryptError, type FieldCipher } from './crypto/field-cipher.js';
import { openDatabase, type Database } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';
import { checkDataKey, sealPlainNiks } from '../features/organisations/organisations.service.js';
import { jobDefinitions } from './jobs/definitions.js';
import { startJobQueue, type JobQueue } from './jobs/queue.js';
import { createMailTransport } from './mail/transport.js';

export interface Running {
  app: FastifyInstance;
  database: Database;
  jobs: JobQueue;
  url: string;
  close(): Promise<void>;
}

/** dist/server/runtime.js → dist/web (built by Vite). */
export const defaultWebDir = () =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');

/**
 * After the migrations: checks that the data key opens the NIKs already stored (a wrong or
 * lost key refuses to start instead of failing on every read), then seals NIKs still stored in
 * plain text (owners' from before migration 0012, people's from before 0015). A key file
 * created just now while sealed NIKs exist means the old key file was lost: the new one is
 * removed again and the start refused.
 */
export async function prepareDataKey(
  database: Database,
  resolved: ResolvedDataKey,
  now: Date,
): Promise<FieldCipher> {
  const cipher = createFieldCipher(resolved.key);
  try {
    await checkDataKey(database.db, cipher);
  } catch (err) {
    if (!(err instanceof FieldDecryptError)) throw err;
    if (resolved.source === 'new-key-file' && resolved.file)
      fs.rmSync(resolved.file, { force: true });
    throw new ConfigError(
      resolved.source === 'new-key-file'
        ? `missing data key file ${resolved.file}: the database holds encrypted NIKs; restore the file from your backup, or set RPB_DATA_KEY`
        : resolved.source === 'key-file'
          ? `invalid data key file ${resolved.file}: it does not decrypt the NIKs stored in this database`
          : 'invalid RPB_DATA_KEY: it does not decrypt the NIKs stored in this database',
    );
  }
  await database.db
    .transaction()
    .execute((trx) => sealPlainNiks(trx, cipher, { actor: null, now }));
  return cipher;
}

export async function startServer(config: Config, clock: Clock = systemClock): Promise<Running> {
  // Refuse to start (one line naming RPB_DATA_KEY) before anything is opened.
  const dataKey = resolveDataKey(config);
  let app: FastifyInstance | null = null;
  const database = await openDatabase(config.database, {
    onIdleError: (err) =>
      app?.log.warn({ err }, 'idle database connection failed; it will be replaced'),
  });
  let jobs: JobQueue | null = null;
  const mail = createMailTransport(config.mail);
  try {
    await migrate(database.pool);
    const dataCipher = await prepareDataKey(database, dataKey, clock.now());
    if (config.demo) await seedDemoIfEmpty(database.db, clock.now());
    jobs = await startJobQueue(database, jobDefinitions(database.db, mail, clock), {
      workers: config.workers,
      onError: (err) => app?.log.error({ err }, 'job queue error'),
    });
    const queue = jobs;
    app = await buildApp(
      {
        config,
        db: database.db,
        databaseKind: database.kind,
        clock,
        nudge: (name) => void queue.send(name, {}, { singletonSeconds: 1 }).catch(() => undefined),
        dataCipher,
      },
      { webDir: defaultWebDir(), logger: { level: config.logLevel, stream: logDestination() } },
    );
    const url = await app.listen({ port: config.port, host: config.host });
    let closing: Promise<void> | null = null;
    const running: Running = {
      app,
      database,
      jobs,
      url,
      close: () =>
        (closing ??= (async () => {
          await app!.close();
          await queue.stop();
          mail.close();
          await database.close();
        })()),
    };
    return running;
  } catch (err) {
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Standard output, written in blocks of about 4 KiB and at least every second instead of one
 * write per line: an access-log line per request made the write hand-off (a thread-pool job
 * each) the biggest share of logging's CPU on busy paths. What is still buffered goes out when
 * the process exits (pino flushes it); only a killed process loses up to a second of lines.
 */
function logDestination() {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
}
