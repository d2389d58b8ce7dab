/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure behind HTTPS. */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'rpb_session';

export function sessionCookieOptions(config: Config, expires: Date | null): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl?.startsWith('https://') ?? false,
    ...(expires ? { expires } : {}),
  };
}
