/** HTTP routes of accounts: login/logout, the current user, password, API tokens, users. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OkResponse, PageQuery } from '../../contracts/api.contract.js';
import type { Actor } from '../../server/context.js';
import { authenticated, publicAccess, rolesOnly } from '../../server/http/access.js';
import { contextOf, inTransaction, userContextOf } from '../../server/http/request-context.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../server/http/session-cookie.js';
import { queueEmail } from '../jobs/jobs.service.js';
import {
  ApiTokenList,
  ChangePasswordRequest,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateUserRequest,
  LoginRequest,
  MeResponse,
  UpdateMeRequest,
  UserList,
  UserSummary,
} from './accounts.contract.js';
import { accountsError } from './accounts.errors.js';
import * as accounts from './accounts.service.js';

const tags = ['accounts'];

const me = (actor: Actor, csrfToken: string | null) => ({
  user: {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    locale: actor.locale,
    grants: actor.grants,
  },
  csrfToken,
});

export function accountsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = accounts.accountsDeps(app.deps.config);

  r.post('/api/auth/login', {
    config: {
      access: publicAccess,
      rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: 'Log in with e-mail and password; sets the session cookie',
      body: LoginRequest,
      response: { 200: MeResponse },
    },
    handler: async (req, reply) => {
      const ctx = contextOf(req);
      const result = await inTransaction(req, (trx) =>
        accounts.login(
          trx,
          deps,
          { ...req.body, userAgent: req.headers['user-agent'] ?? null },
          ctx,
        ),
      );
      // The failed-attempt counter is committed above; only now is the refusal raised.
      if (!result.ok) {
        const details =
          result.code === 'account_locked'
            ? {
                retryAfterSeconds: result.retryAfterSeconds,
                retryAfterMinutes: Math.ceil(result.retryAfterSeconds / 60),
              }
            : undefined;
        throw accountsError(result.code, details);
      }
      req.locale = result.actor.locale;
      void reply.setCookie(
        SESSION_COOKIE,
        result.sessionSecret,
        sessionCookieOptions(app.deps.config, result.expiresAt),
      );
      return me(result.actor, result.csrfToken);
    },
  });

  r.post('/api/auth/logout', {
    config: { access: authenticated },
    schema: { tags, summary: 'End the current session', response: { 200: OkResponse } },
    handler: async (req, reply) => {
      await inTransaction(req, (trx) => accounts.logout(trx, contextOf(req)));
      void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(app.deps.config, null));
      return { ok: true as const };
    },
  });

  r.get('/api/auth/me', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'The current user, roles and CSRF token',
      response: { 200: MeResponse },
    },
    handler: async (req) => me(userContextOf(req).actor, req.csrfToken),
  });

  r.patch('/api/auth/me', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change your name or language',
      body: UpdateMeRequest,
      response: { 200: MeResponse },
    },
    handler: async (req) => {
      const actor = await inTransaction(req, (trx) =>
        accounts.updateProfile(trx, req.body, userContextOf(req)),
      );
      req.locale = actor.locale;
      return me(actor, req.csrfToken);
    },
  });

  r.post('/api/auth/password', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change your password (ends your other sessions)',
      body: ChangePasswordRequest,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      const ctx = userContextOf(req);
      await inTransaction(req, async (trx) => {
        await accounts.changePassword(trx, req.body, ctx);
        await queueEmail(trx, passwordChangedEmail(ctx.actor, ctx.now), ctx.now);
      });
      app.deps.nudge('outbox.deliver');
      return { ok: true as const };
    },
  });

  r.get('/api/tokens', {
    config: { access: authenticated },
    schema: { tags, summary: 'Your API tokens', response: { 200: ApiTokenList } },
    handler: async (req) => accounts.listTokens(app.deps.db, userContextOf(req).actor),
  });

  r.post('/api/tokens', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Create an API token; the secret is returned once',
      body: CreateTokenRequest,
      response: { 201: CreateTokenResponse },
    },
    handler: async (req, reply) => {
      const created = await inTransaction(req, (trx) =>
        accounts.createToken(trx, req.body, userContextOf(req), deps),
      );
      return reply.status(201).send(created);
    },
  });

  r.delete('/api/tokens/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Revoke one of your API tokens',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        accounts.revokeToken(trx, req.params.id, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  r.get('/api/users', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'All users (administrators)',
      querystring: PageQuery,
      response: { 200: UserList },
    },
    handler: async (req) => accounts.browseUsers(app.deps.db, req.query.cursor, req.query.limit),
  });

  r.post('/api/users', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Create a user with roles (administrators)',
      body: CreateUserRequest,
      response: { 201: UserSummary },
    },
    handler: async (req, reply) => {
      const user = await inTransaction(req, (trx) =>
        accounts.createUser(trx, req.body, contextOf(req)),
      );
      return reply.status(201).send(user);
    },
  });
}

function passwordChangedEmail(actor: Actor, now: Date) {
  const when = now.toISOString();
  return actor.locale === 'en'
    ? {
        to: actor.email,
        subject: 'RPB: your password was changed',
        text: `Hello ${actor.name},\n\nThe password of your RPB account was changed at ${when} (UTC). Your other sessions were logged out.\nIf this was not you, contact your site's administrator at once.\n`,
      }
    : {
        to: actor.email,
        subject: 'RPB: kata sandi Anda telah diubah',
        text: `Halo ${actor.name},\n\nKata sandi akun RPB Anda diubah pada ${when} (UTC). Sesi Anda yang lain telah dikeluarkan.\nJika ini bukan Anda, segera hubungi administrator situs.\n`,
      };
}
