import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 3000, embedded PGlite in ./data and demo mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.database.kind === 'pglite' && c.database.dataDir?.endsWith('/data/pglite')).toBe(true);
    expect(c.demo).toBe(true);
    expect(c.mail.transport).toBe('folder');
  });

  it('switches to a PostgreSQL server with DATABASE_URL, where demo mode is off unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/rpb' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/rpb' });
    expect(c.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/rpb', RPB_DEMO: '1' }).demo).toBe(true);
  });

  it('moves the embedded database with RPB_DATA_DIR and treats empty values as unset', () => {
    const c = loadConfig({ RPB_DATA_DIR: '/srv/rpb', PORT: '' });
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/srv/rpb/pglite' });
    expect(c.port).toBe(3000);
  });

  it('stops on a bad value with one line naming the variable and what is expected', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      'invalid PORT="eighty": expected a port number',
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      'invalid PORT="70000": expected a port from 1 to 65535',
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      'invalid DATABASE_URL="mysql://x": expected a postgres:// or postgresql:// URL',
    );
    expect(() => loadConfig({ RPB_DEMO: 'maybe' })).toThrow(
      /^invalid RPB_DEMO="maybe": expected one of 1, 0/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('invalid RPB_SESSION_SECRET');
  });

  it('uses SMTP when SMTP_HOST is set', () => {
    const c = loadConfig({
      SMTP_HOST: 'smtp.example.test',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
    });
    expect(c.mail).toMatchObject({
      transport: 'smtp',
      host: 'smtp.example.test',
      port: 465,
      secure: true,
      user: 'u',
    });
  });
});
