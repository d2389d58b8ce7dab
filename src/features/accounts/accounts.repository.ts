/** SQL for users, role grants, sessions and API tokens. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import { together } from '../../server/db/coalesce.js';
import { PREPARED } from '../../server/db/prepared.js';
import type { Grant, Role, ScopeType } from './accounts.contract.js';

export const userColumns = [
  'id',
  'email',
  'name',
  'password_hash',
  'locale',
  'is_demo',
  'disabled_at',
  'failed_login_count',
  'locked_until',
  'last_login_at',
] as const;

export const findUserByEmail = (db: Executor, email: string) =>
  db
    .selectFrom('users')
    .select(userColumns)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();

export async function insertUser(
  db: Executor,
  u: {
    email: string;
    name: string;
    passwordHash: string;
    locale: 'id' | 'en';
    isDemo?: boolean;
    now: Date;
  },
) {
  return db
    .insertInto('users')
    .values({
      email: u.email.toLowerCase(),
      name: u.name,
      password_hash: u.passwordHash,
      locale: u.locale,
      is_demo: u.isDemo ?? false,
      created_at: u.now,
      updated_at: u.now,
      password_changed_at: u.now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name', 'locale'])
    .executeTakeFirst();
}

export const updateLoginState = (
  db: Executor,
  id: string,
  s: { failedLoginCount: number; lockedUntil: Date | null; lastLoginAt?: Date },
) =>
  db
    .updateTable('users')
    .set({
      failed_login_count: s.failedLoginCount,
      locked_until: s.lockedUntil,
      ...(s.lastLoginAt ? { last_login_at: s.lastLoginAt } : {}),
    })
    .where('id', '=', id)
    .execute();

export const updateUser = (
  db: Executor,
  id: string,
  patch: { name?: string; locale?: 'id' | 'en'; passwordHash?: string },
  now: Date,
) =>
  db
    .updateTable('users')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.passwordHash !== undefined
        ? { password_hash: patch.passwordHash, password_changed_at: now }
        : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

export async function listUsers(db: Executor, after: string | null, limit: number) {
  let q = db
    .selectFrom('users')
    .select(userColumns)
    .orderBy('email')
    .limit(limit + 1);
  if (after) q = q.where('email', '>', after);
  return q.execute();
}

const scopeTypeOf = (r: {
  programme_id: string | null;
  site_id: string | null;
  organisation_id: string | null;
}): ScopeType =>
  r.site_id ? 'site' : r.organisation_id ? 'organisation' : r.programme_id ? 'programme' : 'system';

/** Grants of several users with the scope's display name, in one query. */
export async function grantsOf(db: Executor, userIds: string[]): Promise<Map<string, Grant[]>> {
  const out = new Map<string, Grant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_grants as g')
    .leftJoin('programmes as p', 'p.id', 'g.programme_id')
    .leftJoin('sites as s', 's.id', 'g.site_id')
    .leftJoin('organisations as o', 'o.id', 'g.organisation_id')
    .select([
      'g.user_id',
      'g.role',
      'g.programme_id',
      'g.site_id',
      'g.organisation_id',
      sql<string | null>`coalesce(s.name, o.name, p.name)`.as('scope_name'),
    ])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.created_at')
    .execute();
  for (const r of rows) {
    out.get(r.user_id)?.push({
      role: r.role as Role,
      scopeType: scopeTypeOf(r),
      scopeId: r.site_id ?? r.organisation_id ?? r.programme_id,
      scopeName: r.scope_name,
    });
  }
  return out;
}

interface GrantJson {
  role: string;
  programme_id: string | null;
  site_id: string | null;
  organisation_id: string | null;
  scope_name: string | null;
}
export const grantsFromJson = (rows: readonly GrantJson[]): Grant[] =>
  rows.map((r) => ({
    role: r.role as Role,
    scopeType: scopeTypeOf(r),
    scopeId: r.site_id ?? r.organisation_id ?? r.programme_id,
    scopeName: r.scope_name,
  }));

export async function insertGrant(
  db: Executor,
  userId: string,
  role: Role,
  scopeType: ScopeType,
  scopeId: string | null,
) {
  await db
    .insertInto('role_grants')
    .values({
      user_id: userId,
      role,
      programme_id: scopeType === 'programme' ? scopeId : null,
      site_id: scopeType === 'site' ? scopeId : null,
      organisation_id: scopeType === 'organisation' ? scopeId : null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function scopeExists(
  db: Executor,
  scopeType: ScopeType,
  id: string,
): Promise<boolean> {
  const table =
    scopeType === 'programme' ? 'programmes' : scopeType === 'site' ? 'sites' : 'organisations';
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return !!row;
}

// Sessions -----------------------------------------------------------------------------------

export const insertSession = (
  db: Executor,
  s: {
    idHash: string;
    userId: string;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
) =>
  db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();

export const findLiveSession = (db: Executor, idHash: string, now: Date) =>
  db
    .selectFrom('sessions')
    .select(['id_hash', 'user_id', 'csrf_token', 'last_seen_at', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();

/**
 * The user behind a live API token or session, with the user's grants, in one call of
 * `rpb_credential_actor` (migration 0011: its plan is kept per connection — every
 * authenticated request runs it).
 */
interface CredentialKey {
  kind: 'token' | 'session';
  hash: string;
  now: Date;
}

interface CredentialActorRow {
  credential_id: string;
  last_used_at: Date | null;
  csrf_token: string | null;
  id: string;
  email: string;
  name: string;
  locale: 'id' | 'en';
  is_demo: boolean;
  disabled_at: Date | null;
  grants: GrantJson[];
}

/** Several credentials' users with their grants, in one statement; in order, undefined where none is live. */
const credentialActors = async (db: Executor, keys: readonly CredentialKey[]) => {
  const { rows } = await sql<CredentialActorRow & { ord: string }>`${sql.raw(PREPARED)}
    select k.ord, c.*
    from unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.hash)}::text[],
      ${keys.map((k) => k.now.toISOString())}::timestamptz[]) with ordinality as k(kind, hash, now, ord)
    cross join lateral rpb_credential_actor(k.kind, k.hash, k.now) c`.execute(db);
  const byOrd = new Map<number, CredentialActorRow>();
  for (const { ord, ...row } of rows) byOrd.set(Number(ord), row);
  return keys.map((_, i) => byOrd.get(i + 1));
};

/** Every request looks its credential up: those arriving together share one statement. */
const credentialActor = together(credentialActors);

/** A live session with its user and the user's grants, in one statement. */
export const findLiveSessionActor = async (db: Executor, idHash: string, now: Date) => {
  const row = await credentialActor(db, { kind: 'session', hash: idHash, now });
  return row && { ...row, csrf_token: row.csrf_token!, last_seen_at: row.last_used_at! };
};

export const touchSession = (db: Executor, idHash: string, now: Date) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();

export const deleteSession = (db: Executor, idHash: string) =>
  db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();

export const deleteOtherSessions = (db: Executor, userId: string, keepIdHash: string | null) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  return q.execute();
};

export const deleteExpiredSessions = (db: Executor, now: Date) =>
  db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();

// API tokens ---------------------------------------------------------------------------------

const tokenColumns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

export const insertToken = (
  db: Executor,
  t: {
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    now: Date;
    expiresAt: Date | null;
  },
) =>
  db
    .insertInto('api_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_at: t.now,
      expires_at: t.expiresAt,
    })
    .returning(tokenColumns)
    .executeTakeFirstOrThrow();

export const findLiveToken = (db: Executor, tokenHash: string, now: Date) =>
  db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();

/** A live API token with its user and the user's grants, in one statement. */
export const findLiveTokenActor = async (db: Executor, tokenHash: string, now: Date) => {
  const row = await credentialActor(db, { kind: 'token', hash: tokenHash, now });
  return row && { ...row, token_id: row.credential_id };
};

export const touchToken = (db: Executor, id: string, now: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();

export const listLiveTokens = (db: Executor, userId: string) =>
  db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();

export const revokeToken = (db: Executor, userId: string, id: string, now: Date) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(tokenColumns)
    .executeTakeFirst();
