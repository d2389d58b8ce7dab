/**
 * The real process: `rpb serve` on an embedded data directory answers /api/health, a second
 * `rpb serve` on the same directory refuses to start, and SIGTERM shuts down cleanly (exit 0,
 * lock released). Runs the CLI through tsx, like `npm run dev`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PORT = 3000 + (process.pid % 1000) + 1000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-serve-'));
const children: ChildProcess[] = [];

function serve(port: number, logLevel = 'warn') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RPB_DATA_DIR: dataDir,
      RPB_DEMO: '0',
      RPB_LOG_LEVEL: logLevel,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  child.stdout!.on('data', (d) => (stdout += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr, stdout: () => stdout };
}

async function waitForHealth(port: number, ms = 90_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return res.json();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('rpb serve on the embedded database', () => {
  it('serves health, logs it, refuses a second process on the same data directory, and stops cleanly on SIGTERM', async () => {
    const first = serve(PORT, 'info');
    expect(await waitForHealth(PORT)).toEqual({ status: 'ok', database: 'pglite' });
    // The log goes out in blocks, but within about a second even when the server is quiet.
    const logged = Date.now() + 5_000;
    while (!first.stdout().includes('"url":"/api/health"') && Date.now() < logged)
      await new Promise((r) => setTimeout(r, 100));
    expect(first.stdout()).toMatch(/"msg":"request completed"/);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(true);

    const second = serve(PORT + 1);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(
      /data directory .* is in use by another RPB process \(pid \d+\)/,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain('SIGTERM received, shutting down');
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  }, 150_000);
});
