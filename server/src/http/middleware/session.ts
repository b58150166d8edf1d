import type { EntityManager } from '@mikro-orm/core';
import type { Session } from '../../modules/auth/session.entity.ts';
import type { User } from '../../modules/auth/user.entity.ts';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CookieOptions, NextFunction, Request, Response } from 'express';
import { unauthenticated } from '../../lib/errors.ts';
import type { SessionService } from '../../modules/auth/session.service.ts';

export const SESSION_COOKIE = 'smartket_session';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** `Secure` everywhere but on a developer's own machine, where plain http is normal. */
function sessionCookieOptions(req: Request, expiresAt: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: !LOOPBACK_HOSTS.has(req.hostname),
    path: '/',
    expires: expiresAt,
  };
}

/** Sets one of SmartKet's HttpOnly credential cookies (session, device, staff). */
export function setCredentialCookie(
  req: Request,
  res: Response,
  name: string,
  token: string,
  expiresAt: Date,
): void {
  res.cookie(name, token, sessionCookieOptions(req, expiresAt));
}

/** Clears one of them, with the attributes it was set with: a browser drops only an exact match. */
export function clearCredentialCookie(req: Request, res: Response, name: string): void {
  const { expires: _expires, ...options } = sessionCookieOptions(req, new Date(0));
  res.clearCookie(name, options);
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  setCredentialCookie(req, res, SESSION_COOKIE, token, expiresAt);
}

export function clearSessionCookie(req: Request, res: Response): void {
  clearCredentialCookie(req, res, SESSION_COOKIE);
}

/** Reads one cookie without a parser dependency; values are URL-encoded by `res.cookie`. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) {
    return undefined;
  }
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Gives the request its admin EntityManager and, when the cookie holds a valid session, its
 * session and user. An invalid cookie is cleared; an extended session gets a fresh cookie.
 */
export function loadSession(adminOrm: MikroORM, sessions: SessionService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.adminEm = adminOrm.em.fork();
    const token = readCookie(req.get('cookie'), SESSION_COOKIE);
    if (!token) {
      next();
      return;
    }
    const valid = await sessions.validate(res.locals.adminEm, token);
    if (!valid) {
      clearSessionCookie(req, res);
      next();
      return;
    }
    res.locals.session = valid.session;
    res.locals.user = valid.user;
    if (valid.extended) {
      setSessionCookie(req, res, token, valid.session.expiresAt);
    }
    next();
  };
}

/** 401 unless `loadSession` found a valid session. */
export function requireSession() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    next(res.locals.session ? undefined : unauthenticated());
  };
}

/** The signed-in session of a request that passed `requireSession()`. */
export function signedIn(res: Response): { session: Session; user: User; adminEm: EntityManager } {
  const { session, user, adminEm } = res.locals;
  if (!session || !user) {
    throw unauthenticated();
  }
  return { session, user, adminEm };
}
