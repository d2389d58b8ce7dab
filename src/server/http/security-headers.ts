/**
 * The security headers of every answer (CSP, nosniff, frame options, HSTS on HTTPS, …), as
 * Helmet sets them — worked out ONCE from the options and then copied onto each reply. The
 * Fastify plugin for Helmet built Helmet's middleware anew on every request (parsing the CSP
 * directives each time); nothing here depends on the request, so that was pure cost.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers Helmet's middleware sets for these options, by lower-case name. */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return headers;
}

/** Every reply of the app (routes, 404s, errors) carries the headers. */
export function addSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
