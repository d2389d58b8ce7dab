/**
 * The app under measurement, in its own process: `rpb serve` from source, configured only
 * through the environment like a server deployment (DATABASE_URL, a fresh RPB_DATA_KEY, a
 * scratch RPB_DATA_DIR, a free port on 127.0.0.1). Shared by the benchmarks that go through HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => ok(port));
    });
  });
}

const health = (port: number) =>
  new Promise<number>((ok, fail) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health' }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', fail);
  });

export interface AppOptions {
  databaseUrl: string;
  dataDir: string;
  logLevel?: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

/** Starts the app and waits (up to 60 s) until /api/health answers 200. */
export async function startApp(o: AppOptions) {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === 'DATABASE_URL' || k === 'NODE_ENV') continue;
    if (k.startsWith('RPB_') || k.startsWith('SMTP_') || k === 'PORT' || k === 'HOST') continue;
    env[k] = v;
  }
  Object.assign(env, {
    DATABASE_URL: o.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    RPB_DATA_DIR: o.dataDir,
    RPB_LOG_LEVEL: o.logLevel ?? 'info',
    // A server database needs the key that encrypts personal data; a fresh one per run.
    RPB_DATA_KEY: randomBytes(32).toString('base64'),
  });
  const child = spawn(
    process.execPath,
    [...(o.nodeArgs ?? []), '--import', 'tsx', 'src/cli/main.ts', 'serve'],
    {
      cwd: root,
      env,
      // Request logs (stdout, pino JSON) are discarded as a log shipper would take them; stderr
      // is kept for start-up failures.
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited on start:\n${stderr}`);
    try {
      if ((await health(port)) === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the app did not start within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, child, stderr: () => stderr };
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
