/**
 * Builds the HTTP application — never listens (main.ts and tests do that). Every route is
 * registered explicitly here and declares its access; the edge authenticates, checks CSRF and
 * access once per request, and maps every error to the one envelope.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Locale } from '../contracts/api.contract.js';
import { accountsRoutes } from '../features/accounts/accounts.routes.js';
import {
  accountsDeps,
  actorFromSession,
  actorFromToken,
} from '../features/accounts/accounts.service.js';
import { auditRoutes } from '../features/audit/audit.routes.js';
import { importsRoutes } from '../features/imports/imports.routes.js';
import { jobsRoutes } from '../features/jobs/jobs.routes.js';
import { organisationsRoutes } from '../features/organisations/organisations.routes.js';
import { qualificationsRoutes } from '../features/qualifications/qualifications.routes.js';
import { equipmentRoutes } from '../features/equipment/equipment.routes.js';
import { programmesRoutes } from '../features/programmes/programmes.routes.js';
import { billingRoutes } from '../features/billing/billing.routes.js';
import { qualityRoutes } from '../features/quality/quality.routes.js';
import { spcRoutes } from '../features/spc/spc.routes.js';
import { tollRoutes } from '../features/toll/toll.routes.js';
import { bookingsRoutes } from '../features/bookings/bookings.routes.js';
import { registrationsRoutes } from '../features/registrations/registrations.routes.js';
import { registryRoutes } from '../features/registry/registry.routes.js';
import { sitesRoutes } from '../features/sites/sites.routes.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Actor } from './context.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import type { Db } from './db/connect.js';
import { DomainError } from './domain-error.js';
import { authorize, type Access } from './http/access.js';
import { envelope, errorHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health.routes.js';
import { negotiateLocale } from './http/locale.js';
import { SESSION_COOKIE, sessionCookieOptions } from './http/session-cookie.js';
import { addSecurityHeaders } from './http/security-headers.js';

export interface AppDeps {
  config: Config;
  db: Db;
  databaseKind: 'pglite' | 'postgres';
  clock: Clock;
  /** Wakes a job queue now instead of at its next poll; a no-op without a queue. */
  nudge: (queue: string) => void;
  /** Seals and opens personal data at rest (the NIK) under the data key (crypto/data-key.ts). */
  dataCipher: FieldCipher;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface BuildOptions {
  /** The built web app (index.html and assets); omitted in API-only tests. */
  webDir?: string | null;
  logger?: boolean | object;
}

/**
 * One access-log line per request instead of Fastify's two ("incoming request", then "request
 * completed"): the request (method, path, host, client) goes on the completion line with the
 * status and the time — the same facts at half the log writes on the busiest paths.
 */
class AccessLog extends LogController {
  override incomingRequest() {}
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else
      reply.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const API_VERSION = '0.1.0';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function buildApp(
  deps: AppDeps,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => crypto.randomUUID(),
    logController: new AccessLog(),
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');
  app.decorateRequest('csrfToken', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // Fail closed: an API route without a declared access rule stops the app at start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.config?.access) return;
    // Routes of the documentation plugins are the only implicit public ones.
    if (route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') {
      route.config = { ...route.config, access: { kind: 'public' } };
      return;
    }
    throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
  });

  await app.register(cookie);
  // Pages must work on a phone over a slow connection: answers over 1 KiB go compressed to
  // clients that accept it (a busy month's availability: 350 KiB → ~40 KiB). Brotli at quality 4
  // costs about what gzip does; the web app's built files are compressed once at build time
  // (vite.config.ts) and served as they are. Compressed request bodies are not accepted.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // swagger-ui and React's style attributes need inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // Plain-HTTP deployments on a LAN name must not be upgraded to HTTPS by the browser.
        'upgrade-insecure-requests': null,
      },
    },
    hsts: deps.config.publicUrl?.startsWith('https://') ? undefined : false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new DomainError('rate_limited', { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }) as never,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'RPB API',
        version: API_VERSION,
        description:
          'REST API of RPB, the platform for Rumah Produksi Bersama sites. Authenticate with the session cookie (browser; send X-CSRF-Token on writes) or `Authorization: Bearer <token>`. Errors always come as `{ "error": { "code", "message", "details" } }`; lists as `{ "items", "nextCursor" }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const keys = accountsDeps(deps.config);
  app.addHook('onRequest', async (req, reply) => {
    req.locale = negotiateLocale(req.headers['accept-language']);
    const access = req.routeOptions.config?.access;
    if (!access) return; // static files of the web app
    const now = deps.clock.now();
    let sessionEnded = false;
    const authz = req.headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      const actor = m ? await actorFromToken(deps.db, m[1]!, now, keys) : null;
      if (!actor) throw new DomainError('token_invalid');
      req.actor = actor;
    } else {
      const secret = req.cookies[SESSION_COOKIE];
      if (secret) {
        const found = await actorFromSession(deps.db, secret, now, keys);
        if (found) {
          req.actor = found.actor;
          req.csrfToken = found.csrfToken;
        } else {
          sessionEnded = true;
          void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.config, null));
        }
      }
    }
    if (req.actor) req.locale = req.actor.locale;
    // Cookies ride along on cross-site requests; a write made with one must also carry the
    // session's CSRF token, which only our own pages can read (from /api/auth/me).
    if (access.kind !== 'public' && req.actor?.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.csrfToken || !sameSecret(header, req.csrfToken)) {
        throw new DomainError('csrf_invalid');
      }
    }
    authorize(access, req.actor, sessionEnded);
  });

  healthRoutes(app);
  accountsRoutes(app);
  auditRoutes(app);
  jobsRoutes(app);
  registryRoutes(app);
  sitesRoutes(app);
  equipmentRoutes(app);
  programmesRoutes(app);
  organisationsRoutes(app);
  importsRoutes(app);
  qualificationsRoutes(app);
  registrationsRoutes(app);
  bookingsRoutes(app);
  billingRoutes(app);
  tollRoutes(app);
  qualityRoutes(app);
  spcRoutes(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir =
    options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))
      ? options.webDir
      : null;
  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // Every built file's name carries a hash of its content (index.html, which does not, is
      // sent by the not-found handler with no-cache): a phone keeps them until a deploy
      // changes the names, and asks for nothing on the next visit.
      maxAge: '365d',
      immutable: true,
      // Built with .br and .gz beside each file (vite.config.ts): sent to clients that take them.
      preCompressed: true,
    });
  }
  const indexHtml = webDir ? fs.readFileSync(path.join(webDir, 'index.html'), 'utf8') : null;

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || !indexHtml || req.method !== 'GET') {
      return reply.status(404).send(envelope('route_not_found', req));
    }
    // Client-side routes of the single-page app all load index.html.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(indexHtml);
  });

  return app;
}
