/**
 * Starts RPB as one process: database (migrated), demo data when asked, background workers and
 * the HTTP server; closes them all cleanly on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';
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

export async function startServer(config: Config, clock: Clock = systemClock): Promise<Running> {
  let app: FastifyInstance | null = null;
  const database = await openDatabase(config.database, {
    onIdleError: (err) =>
      app?.log.warn({ err }, 'idle database connection failed; it will be replaced'),
  });
  let jobs: JobQueue | null = null;
  const mail = createMailTransport(config.mail);
  try {
    await migrate(database.pool);
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
      },
      { webDir: defaultWebDir(), logger: { level: config.logLevel } },
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
