import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseEnv } from '../../test/db.js';
import { main } from './main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({ write: (chunk, _enc, cb) => (into.push(String(chunk)), cb()) });
  return {
    io: { stdout: sink(out), stderr: sink(err) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function rpb(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, stdout: c.out(), stderr: c.err() };
}

let cleanup: () => Promise<void>;
const saved = { ...process.env };
beforeAll(async () => {
  const fresh = await freshDatabaseEnv();
  cleanup = fresh.cleanup;
  for (const k of ['DATABASE_URL', 'RPB_DATA_DIR', 'PORT']) delete process.env[k];
  Object.assign(process.env, fresh.env);
}, 60_000);
afterAll(async () => {
  process.env = saved;
  await cleanup();
});

describe('rpb command line', () => {
  it('prints help for the whole CLI and for each command, exit 0', async () => {
    const all = await rpb('--help');
    expect(all.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'user create', 'token create', 'solve'])
      expect(all.stdout).toContain(name);
    const one = await rpb('token', 'create', '--help');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Usage: rpb token create --email E');
  });

  it('exits 2 on an unknown command or option, saying what is wrong', async () => {
    expect((await rpb('frobnicate')).code).toBe(2);
    const bad = await rpb('migrate', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: .*colour/);
  });

  it('migrates, creates a user with a role on a scope and an API token that it alone prints', async () => {
    expect((await rpb('migrate')).code).toBe(0);
    const seeded = await rpb('seed', '--demo');
    expect(seeded.code).toBe(0);
    const again = await rpb('seed', '--demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has data');

    const created = await rpb(
      'user',
      'create',
      '--email',
      'Kepala.Dinas@example.test',
      '--password',
      'long enough pass',
      '--role',
      'site_manager',
      '--scope',
      'site:ATM-01',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const token = await rpb('token', 'create', '--email', 'kepala.dinas@example.test');
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^rpb_[A-Za-z0-9_-]{43}\n$/);
  }, 60_000);

  it('refuses with exit 1 and a clear line when the user or the scope does not exist', async () => {
    const noUser = await rpb('token', 'create', '--email', 'nobody@example.test');
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toBe('error: no user with e-mail nobody@example.test\n');
    const noSite = await rpb(
      'user',
      'create',
      '--email',
      'x@example.test',
      '--password',
      'long enough pass',
      '--role',
      'site_operator',
      '--scope',
      'site:NOPE',
    );
    expect(noSite.code).toBe(1);
    expect(noSite.stderr).toBe('error: no site with code NOPE\n');
    const dup = await rpb(
      'user',
      'create',
      '--email',
      'kepala.dinas@example.test',
      '--password',
      'long enough pass',
      '--role',
      'administrator',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe('error: A user with this e-mail already exists.\n');
  }, 60_000);

  it('exits 2 on bad usage: a missing option, an unknown role, a short password', async () => {
    expect((await rpb('user', 'create', '--email', 'a@example.test')).code).toBe(2);
    const role = await rpb(
      'user',
      'create',
      '--email',
      'a@example.test',
      '--password',
      'long enough pass',
      '--role',
      'king',
    );
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role must be one of administrator');
    const short = await rpb(
      'user',
      'create',
      '--email',
      'a@example.test',
      '--password',
      'short',
      '--role',
      'administrator',
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--password');
  }, 60_000);

  it('stops with exit 2 and one line naming a bad configuration variable', async () => {
    process.env.PORT = 'eighty';
    try {
      const res = await rpb('migrate');
      expect(res.code).toBe(2);
      expect(res.stderr).toBe('error: invalid PORT="eighty": expected a port number\n');
    } finally {
      delete process.env.PORT;
    }
  });
});
