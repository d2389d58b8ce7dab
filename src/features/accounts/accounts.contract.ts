/** API shapes of accounts: login, sessions, the current user, password, API tokens, users. */
import { z } from 'zod';
import { Locale, page } from '../../contracts/api.contract.js';

export const ROLES = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
  'umkm_member',
  'buyer',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SCOPE_TYPES = ['system', 'programme', 'site', 'organisation'] as const;
export const ScopeType = z.enum(SCOPE_TYPES);
export type ScopeType = z.infer<typeof ScopeType>;

/**
 * The kinds of scope each role may be granted on (mirrors the role_grants check constraint):
 * administrators the whole system; programme officers one programme or all; site staff a site;
 * members and buyers their organisation.
 */
export const ROLE_SCOPES: Record<Role, readonly ScopeType[]> = {
  administrator: ['system'],
  programme_officer: ['system', 'programme'],
  site_manager: ['site'],
  site_operator: ['site'],
  umkm_member: ['organisation'],
  buyer: ['organisation'],
};

/** A role granted on a scope; `scopeId` is null for the whole system. */
export const Grant = z.object({
  role: Role,
  scopeType: ScopeType,
  scopeId: z.string().uuid().nullable(),
  scopeName: z.string().nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const Email = z.string().trim().toLowerCase().email().max(254);

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const CurrentUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  locale: Locale,
  grants: z.array(Grant),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/** `csrfToken` must be sent back as the `X-CSRF-Token` header on cookie-authenticated writes. */
export const MeResponse = z.object({ user: CurrentUser, csrfToken: z.string().nullable() });
export type MeResponse = z.infer<typeof MeResponse>;

export const UpdateMeRequest = z.strictObject({
  locale: Locale.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});

export const PASSWORD_MIN_LENGTH = 10;
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const ApiToken = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: z.string().datetime(),
  lastUsedAt: z.string().datetime().nullable(),
  expiresAt: z.string().datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenList = page(ApiToken);

export const CreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
/** The secret is shown once, here, and never again (only its hash is stored). */
export const CreateTokenResponse = z.object({ token: ApiToken, secret: z.string() });

export const UserSummary = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  locale: Locale,
  disabled: z.boolean(),
  lockedUntil: z.string().datetime().nullable(),
  lastLoginAt: z.string().datetime().nullable(),
  grants: z.array(Grant),
});
export type UserSummary = z.infer<typeof UserSummary>;
export const UserList = page(UserSummary);

export const GrantInput = z.strictObject({
  role: Role,
  scopeType: ScopeType,
  scopeId: z.string().uuid().nullable().default(null),
});
export const CreateUserRequest = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(120),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200),
  locale: Locale.default('id'),
  grants: z.array(GrantInput).min(1).max(20),
});
