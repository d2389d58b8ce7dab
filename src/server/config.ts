/**
 * Configuration, parsed and validated once from the environment. This is the only module that
 * reads `process.env`; everything else receives a `Config`.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  RPB_DATA_DIR: z.string().min(1).default('./data'),
  RPB_SESSION_SECRET: z
    .string()
    .min(32, 'expected at least 32 characters (generate one with `openssl rand -base64 48`)')
    .optional(),
  // Checked below (never echoed in an error: it is a secret).
  RPB_DATA_KEY: z.string().optional(),
  RPB_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  RPB_DEMO: bool.optional(),
  RPB_LOGIN_RATE_LIMIT: z.coerce
    .number({ error: 'expected a number' })
    .int()
    .min(1)
    .max(100_000)
    .default(20),
  RPB_PUBLIC_URL: z.string().url('expected a URL such as https://rpb.example.org').optional(),
  RPB_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  RPB_WORKERS: bool.default(true),
  RPB_MAIL_DIR: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default('RPB <no-reply@localhost>'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  /** Key for hashing session and API-token secrets (HMAC); null → plain SHA-256. */
  sessionSecret: string | null;
  /**
   * RPB_DATA_KEY: the 32-byte key that encrypts personal data at rest (the owner's NIK); null →
   * resolved at start-up by `resolveDataKey()` (a key file in the embedded data directory).
   */
  dataKey: Buffer | null;
  sessionDays: number;
  /** Login attempts allowed per client IP per minute (per process), before 429. */
  loginRateLimitPerMinute: number;
  /** Demo mode: seed demo data on an empty database and allow demo users to log in. */
  demo: boolean;
  publicUrl: string | null;
  logLevel: string;
  /** Whether this process runs background job workers (several app processes may share them). */
  workers: boolean;
  mail:
    | {
        transport: 'smtp';
        host: string;
        port: number;
        secure: boolean;
        user?: string;
        password?: string;
        from: string;
      }
    | { transport: 'folder'; dir: string; from: string };
  production: boolean;
  /** NODE_ENV=test (test runs only: a PostgreSQL server may then run without RPB_DATA_KEY). */
  testMode: boolean;
}

export class ConfigError extends Error {}

/** 32 bytes as 64 hex digits or base64 (standard or URL-safe alphabet); null when malformed. */
export function decodeDataKey(raw: string): Buffer | null {
  const v = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) return null;
  const key = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}

/** Parses the environment; throws ConfigError with one line naming the variable on bad input. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most deploy tools.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(
      `invalid ${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`,
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.RPB_DATA_DIR);
  const production = e.NODE_ENV === 'production';
  if (production && !e.RPB_SESSION_SECRET) {
    throw new ConfigError('invalid RPB_SESSION_SECRET="": required when NODE_ENV=production');
  }
  const dataKey = e.RPB_DATA_KEY === undefined ? null : decodeDataKey(e.RPB_DATA_KEY);
  if (e.RPB_DATA_KEY !== undefined && !dataKey) {
    throw new ConfigError(
      'invalid RPB_DATA_KEY: expected 32 random bytes as base64 or 64 hex digits (generate one with `openssl rand -base64 32`)',
    );
  }
  if (e.SMTP_HOST === undefined && (e.SMTP_USER || e.SMTP_PASSWORD)) {
    throw new ConfigError('invalid SMTP_HOST="": required when SMTP_USER or SMTP_PASSWORD is set');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    sessionSecret: e.RPB_SESSION_SECRET ?? null,
    dataKey,
    sessionDays: e.RPB_SESSION_DAYS,
    loginRateLimitPerMinute: e.RPB_LOGIN_RATE_LIMIT,
    // Demo mode is on by default for the embedded database (the "two commands" experience) and
    // off by default on a real server.
    demo: e.RPB_DEMO ?? !e.DATABASE_URL,
    publicUrl: e.RPB_PUBLIC_URL ?? null,
    logLevel: e.RPB_LOG_LEVEL,
    workers: e.RPB_WORKERS,
    mail: e.SMTP_HOST
      ? {
          transport: 'smtp',
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE,
          ...(e.SMTP_USER ? { user: e.SMTP_USER } : {}),
          ...(e.SMTP_PASSWORD ? { password: e.SMTP_PASSWORD } : {}),
          from: e.SMTP_FROM,
        }
      : {
          transport: 'folder',
          dir: path.resolve(e.RPB_MAIL_DIR ?? path.join(dataDir, 'mail')),
          from: e.SMTP_FROM,
        },
    production,
    testMode: e.NODE_ENV === 'test',
  };
}
