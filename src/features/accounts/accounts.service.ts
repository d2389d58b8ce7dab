/**
 * Use cases of accounts. Each takes the executor chosen by the caller (the edge opens the
 * transaction), a ServiceContext with the actor and `now`, and writes its audit rows.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../server/config.js';
import { type Actor, type ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ApiToken, Grant, Role, ScopeType, UserSummary } from './accounts.contract.js';
import { accountsError } from './accounts.errors.js';
import * as repo from './accounts.repository.js';
import {
  afterFailedLogin,
  isLocked,
  scopeFits,
  secondsUntilUnlocked,
  sessionExpiry,
  TOKEN_PREFIX,
  tokenPrefixOf,
} from './accounts.js';

// Argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): ~30 ms here.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);

/**
 * What the database stores of a high-entropy secret (session cookie, API token): its SHA-256,
 * or — when RPB_SESSION_SECRET is set — its HMAC-SHA-256 under that key, so that a copy of the
 * database alone cannot even check a guessed token. Changing the key ends every session and
 * invalidates every API token.
 */
export const hashSecret = (secret: string, pepper: string | null) =>
  pepper
    ? createHmac('sha256', pepper).update(secret).digest('hex')
    : createHash('sha256').update(secret).digest('hex');
const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

// A hash of a random password, verified against when the e-mail is unknown, so that timing does
// not tell which e-mails have accounts.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hashPassword(newSecret()));

export interface AccountsDeps {
  demoMode: boolean;
  sessionDays: number;
  /** RPB_SESSION_SECRET, the key of hashSecret(); null → plain SHA-256. */
  pepper: string | null;
}

export const accountsDeps = (config: Config): AccountsDeps => ({
  demoMode: config.demo,
  sessionDays: config.sessionDays,
  pepper: config.sessionSecret,
});

export type LoginResult =
  | { ok: true; sessionSecret: string; csrfToken: string; expiresAt: Date; actor: Actor }
  | { ok: false; code: 'invalid_credentials' | 'account_disabled' | 'demo_login_disabled' }
  | { ok: false; code: 'account_locked'; retryAfterSeconds: number };

/**
 * Checks a password and opens a session. Failures are *returned*, not thrown, so that the
 * caller commits the failed-attempt counter and its audit row before answering with the error.
 */
export async function login(
  trx: Executor,
  deps: AccountsDeps,
  input: { email: string; password: string; userAgent: string | null },
  ctx: ServiceContext,
): Promise<LoginResult> {
  const user = await repo.findUserByEmail(trx, input.email);
  if (!user) {
    await verify(await getDummyHash(), input.password).catch(() => false);
    await recordAudit(trx, ctx, {
      action: 'session.login_failed',
      entityType: 'user',
      after: { email: input.email, reason: 'unknown_email' },
    });
    return { ok: false, code: 'invalid_credentials' };
  }
  const state = { failedLoginCount: user.failed_login_count, lockedUntil: user.locked_until };
  if (isLocked(state, ctx.now)) {
    return {
      ok: false,
      code: 'account_locked',
      retryAfterSeconds: secondsUntilUnlocked(state, ctx.now),
    };
  }
  const good = await verify(user.password_hash, input.password).catch(() => false);
  if (!good) {
    const next = afterFailedLogin(state, ctx.now);
    await repo.updateLoginState(trx, user.id, next);
    await recordAudit(trx, ctx, {
      action: next.lockedUntil && !state.lockedUntil ? 'user.locked' : 'session.login_failed',
      entityType: 'user',
      entityId: user.id,
      after: {
        email: user.email,
        failedLoginCount: next.failedLoginCount,
        lockedUntil: next.lockedUntil,
      },
    });
    if (isLocked(next, ctx.now)) {
      return {
        ok: false,
        code: 'account_locked',
        retryAfterSeconds: secondsUntilUnlocked(next, ctx.now),
      };
    }
    return { ok: false, code: 'invalid_credentials' };
  }
  if (user.disabled_at) return { ok: false, code: 'account_disabled' };
  if (user.is_demo && !deps.demoMode) return { ok: false, code: 'demo_login_disabled' };

  const sessionSecret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = sessionExpiry(ctx.now, deps.sessionDays);
  await repo.insertSession(trx, {
    idHash: hashSecret(sessionSecret, deps.pepper),
    userId: user.id,
    csrfToken,
    now: ctx.now,
    expiresAt,
    ip: ctx.ip ?? null,
    userAgent: input.userAgent,
  });
  await repo.updateLoginState(trx, user.id, {
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: ctx.now,
  });
  const actor = await actorFor(trx, user, 'session', hashSecret(sessionSecret, deps.pepper));
  await recordAudit(
    trx,
    { ...ctx, actor },
    { action: 'session.login', entityType: 'user', entityId: user.id },
  );
  return { ok: true, sessionSecret, csrfToken, expiresAt, actor };
}

async function actorFor(
  db: Executor,
  user: { id: string; email: string; name: string; locale: 'id' | 'en' },
  via: Actor['via'],
  sessionId?: string,
): Promise<Actor> {
  const grants = (await repo.grantsOf(db, [user.id])).get(user.id) ?? [];
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    grants,
    via,
    ...(sessionId ? { sessionId } : {}),
  };
}

export async function logout(trx: Executor, ctx: ServiceContext): Promise<void> {
  if (!ctx.actor?.sessionId) return;
  await repo.deleteSession(trx, ctx.actor.sessionId);
  await recordAudit(trx, ctx, {
    action: 'session.logout',
    entityType: 'user',
    entityId: ctx.actor.userId,
  });
}

// Session `last_seen_at` is refreshed at most this often, so reads do not become writes.
const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * The actor behind a session cookie, or null if unknown, expired, or the user is disabled.
 * Session, user and grants come in one statement (each request authenticates). No cache: a
 * revoked role, a disabled user or a logout anywhere — in any process — takes effect on the
 * very next request.
 */
export async function actorFromSession(
  db: Executor,
  sessionSecret: string,
  now: Date,
  deps: AccountsDeps,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const idHash = hashSecret(sessionSecret, deps.pepper);
  const row = await repo.findLiveSessionActor(db, idHash, now);
  if (!row || row.disabled_at || (row.is_demo && !deps.demoMode)) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS)
    await repo.touchSession(db, idHash, now);
  return { actor: actorOfRow(row, 'session', idHash), csrfToken: row.csrf_token };
}

/**
 * The actor behind an API token, or null if unknown, revoked or expired. Token, user and grants
 * come in one statement (it was three). Deliberately no in-process cache: with several app
 * processes a cache could only be invalidated in the process that revoked the token or changed
 * the user's roles, so another process would honour a revoked token until its TTL ran out; one
 * indexed query (~0.1 ms) is cheap enough.
 */
export async function actorFromToken(
  db: Executor,
  secret: string,
  now: Date,
  deps: AccountsDeps,
): Promise<Actor | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const row = await repo.findLiveTokenActor(db, hashSecret(secret, deps.pepper), now);
  if (!row || row.disabled_at || (row.is_demo && !deps.demoMode)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await repo.touchToken(db, row.token_id, now);
  }
  return actorOfRow(row, 'token');
}

const actorOfRow = (
  row: Pick<
    Awaited<ReturnType<typeof repo.findLiveTokenActor>> & object,
    'id' | 'email' | 'name' | 'locale' | 'grants'
  >,
  via: Actor['via'],
  sessionId?: string,
): Actor => ({
  userId: row.id,
  email: row.email,
  name: row.name,
  locale: row.locale,
  grants: repo.grantsFromJson(row.grants),
  via,
  ...(sessionId ? { sessionId } : {}),
});

export async function changePassword(
  trx: Executor,
  input: { currentPassword: string; newPassword: string },
  ctx: ServiceContext & { actor: Actor },
): Promise<void> {
  const user = await repo.findUserById(trx, ctx.actor.userId);
  if (!user) throw accountsError('user_not_found');
  if (!(await verify(user.password_hash, input.currentPassword).catch(() => false))) {
    throw accountsError('wrong_current_password');
  }
  if (input.newPassword === input.currentPassword) throw accountsError('password_unchanged');
  await repo.updateUser(
    trx,
    user.id,
    { passwordHash: await hashPassword(input.newPassword) },
    ctx.now,
  );
  // Every other session of this user ends: a changed password must lock out whoever else had it.
  await repo.deleteOtherSessions(trx, user.id, ctx.actor.sessionId ?? null);
  await recordAudit(trx, ctx, {
    action: 'user.password_change',
    entityType: 'user',
    entityId: user.id,
  });
}

export async function updateProfile(
  trx: Executor,
  input: { name?: string | undefined; locale?: 'id' | 'en' | undefined },
  ctx: ServiceContext & { actor: Actor },
): Promise<Actor> {
  const before = await repo.findUserById(trx, ctx.actor.userId);
  if (!before) throw accountsError('user_not_found');
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  };
  await repo.updateUser(trx, before.id, patch, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'user.update',
    entityType: 'user',
    entityId: before.id,
    before: { name: before.name, locale: before.locale },
    after: { name: patch.name ?? before.name, locale: patch.locale ?? before.locale },
  });
  return { ...ctx.actor, name: patch.name ?? before.name, locale: patch.locale ?? before.locale };
}

// Users (administrators and the CLI) -----------------------------------------------------------

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale: 'id' | 'en';
  grants: { role: Role; scopeType: ScopeType; scopeId: string | null }[];
  isDemo?: boolean;
}

export async function createUser(
  trx: Executor,
  input: NewUser,
  ctx: ServiceContext,
): Promise<UserSummary> {
  for (const g of input.grants) {
    if (!scopeFits(g.role, g.scopeType, g.scopeId)) {
      throw accountsError('grant_scope_mismatch', { role: g.role, scopeType: g.scopeType });
    }
    if (g.scopeId && !(await repo.scopeExists(trx, g.scopeType, g.scopeId))) {
      throw accountsError('grant_scope_not_found', { scopeType: g.scopeType, scopeId: g.scopeId });
    }
  }
  const row = await repo.insertUser(trx, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    locale: input.locale,
    isDemo: input.isDemo ?? false,
    now: ctx.now,
  });
  if (!row) throw accountsError('email_taken', { email: input.email });
  for (const g of input.grants) await repo.insertGrant(trx, row.id, g.role, g.scopeType, g.scopeId);
  const grants = (await repo.grantsOf(trx, [row.id])).get(row.id) ?? [];
  await recordAudit(trx, ctx, {
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    after: { email: row.email, name: row.name, locale: row.locale, grants },
  });
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    disabled: false,
    lockedUntil: null,
    lastLoginAt: null,
    grants,
  };
}

export async function browseUsers(db: Executor, cursor: string | undefined, limit: number) {
  const key = decodeCursor(cursor, 1);
  const rows = await repo.listUsers(db, key ? String(key[0]) : null, limit);
  const page = toPage(rows, limit, (r) => [r.email]);
  const grants = await repo.grantsOf(
    db,
    page.items.map((r) => r.id),
  );
  return {
    nextCursor: page.nextCursor, // users sort by their unique e-mail
    items: page.items.map((r): UserSummary => ({
      id: r.id,
      email: r.email,
      name: r.name,
      locale: r.locale,
      disabled: r.disabled_at !== null,
      lockedUntil: r.locked_until?.toISOString() ?? null,
      lastLoginAt: r.last_login_at?.toISOString() ?? null,
      grants: grants.get(r.id) ?? [],
    })),
  };
}

export async function findActorByEmail(
  db: Executor,
  email: string,
  via: Actor['via'],
): Promise<Actor | null> {
  const user = await repo.findUserByEmail(db, email);
  return user ? actorFor(db, user, via) : null;
}

// API tokens -----------------------------------------------------------------------------------

const toApiToken = (t: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}): ApiToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  expiresAt: t.expires_at?.toISOString() ?? null,
});

export async function createToken(
  trx: Executor,
  input: { name: string; expiresInDays: number | null },
  ctx: ServiceContext & { actor: Actor },
  deps: Pick<AccountsDeps, 'pepper'>,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = TOKEN_PREFIX + newSecret();
  const row = await repo.insertToken(trx, {
    userId: ctx.actor.userId,
    name: input.name,
    tokenHash: hashSecret(secret, deps.pepper),
    prefix: tokenPrefixOf(secret),
    now: ctx.now,
    expiresAt: input.expiresInDays
      ? new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000)
      : null,
  });
  await recordAudit(trx, ctx, {
    action: 'token.create',
    entityType: 'api_token',
    entityId: row.id,
    after: { name: row.name, prefix: row.prefix },
  });
  return { token: toApiToken(row), secret };
}

export async function listTokens(db: Executor, actor: Actor) {
  return { items: (await repo.listLiveTokens(db, actor.userId)).map(toApiToken), nextCursor: null };
}

export async function revokeToken(
  trx: Executor,
  id: string,
  ctx: ServiceContext & { actor: Actor },
): Promise<void> {
  const row = await repo.revokeToken(trx, ctx.actor.userId, id, ctx.now);
  if (!row) throw accountsError('token_not_found');
  await recordAudit(trx, ctx, {
    action: 'token.revoke',
    entityType: 'api_token',
    entityId: id,
    before: { name: row.name, prefix: row.prefix },
  });
}

export type { Grant };
