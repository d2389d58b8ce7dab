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
}

export class ConfigError extends Error {}

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
  };
}
