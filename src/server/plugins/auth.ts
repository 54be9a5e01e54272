import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ANONYMOUS, type Actor, type RequestContext } from '../../kernel/context.ts';
import { safeEqual } from '../../kernel/crypto.ts';
import { negotiateLocale, type Locale } from '../../kernel/i18n.ts';
import { Problem } from '../../kernel/problem.ts';
import type { IdentityService } from '../../modules/identity/index.ts';

export const SESSION_COOKIE = 'sehub_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session's CSRF token, when the request came with a session cookie. */
    csrfToken: string | undefined;
    /** The language answers are written in: Accept-Language, else the user's own, else Korean. */
    locale: Locale;
    ctx(): RequestContext;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthOptions {
  identity: IdentityService;
  cookieSecure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/**
 * Works out who is asking, once per request, before any route runs:
 * - `Authorization: Bearer sehub_…` → an API token (scoped; no CSRF check, no cookie involved);
 * - the session cookie → a signed-in person; mutations must echo the session's CSRF token;
 * - neither → anonymous; cross-site mutations (login CSRF) are refused by Origin / Sec-Fetch-Site.
 */
export const authPlugin = fp<AuthOptions>(
  async (app, { identity, cookieSecure }) => {
    app.decorateRequest('actor', null as never);
    app.decorateRequest('csrfToken', undefined);
    app.decorateRequest('locale', 'ko');
    app.decorateRequest('ctx', function (this: FastifyRequest): RequestContext {
      const ua = this.headers['user-agent'];
      return { actor: this.actor, requestId: this.id, ip: this.ip, locale: this.locale, ...(ua ? { userAgent: ua } : {}) };
    });

    app.addHook('onRequest', async (req, reply) => {
      req.actor = ANONYMOUS;
      const header = req.headers['accept-language'];
      req.locale = negotiateLocale(header);
      const auth = req.headers.authorization;
      if (auth !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(auth);
        const found = match ? await identity.authenticateToken(match[1]!) : undefined;
        if (!found) throw new Problem('invalid-token');
        req.actor = found.actor;
        if (!header) req.locale = found.locale;
        return;
      }
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await identity.authenticateSession(cookie);
        if (session) {
          req.actor = session.actor;
          req.csrfToken = session.csrfToken;
          if (!header) req.locale = session.locale;
          if (session.renewedUntil) setSessionCookie(reply, cookie, session.renewedUntil, cookieSecure);
        } else {
          clearSessionCookie(reply, cookieSecure);
        }
      }
      if (!MUTATING.has(req.method)) return;
      if (req.csrfToken) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, req.csrfToken)) throw new Problem('csrf-token-missing');
      } else if (isCrossSite(req)) {
        throw new Problem('csrf-token-missing', {
          ko: '다른 사이트에서 보낸 요청은 받지 않습니다',
          en: 'Requests sent from another site are refused',
        });
      }
    });
  },
  { name: 'sehub-auth', dependencies: ['@fastify/cookie'] },
);

function isCrossSite(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    // Compare as URLs so that default ports (":80") do not make the same site look foreign.
    return new URL(origin).host !== new URL(`${req.protocol}://${req.headers.host}`).host;
  } catch {
    return true;
  }
}
