import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../lib/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginPolicy {
  trustedOrigins: string[];
  appDomain: string | undefined;
}

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers always send
 * `Origin` on such requests; a request with a session cookie but neither `Origin` nor `Referer`
 * is refused too. Cookie-less requests without `Origin` (scripts, curl) carry no ambient
 * authority and pass.
 */
export function originCheck(policy: OriginPolicy) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const claimed = req.get('origin') ?? originOfReferer(req.get('referer'));
    if (!claimed) {
      if (req.get('cookie')) {
        next(new AppError('FOREIGN_ORIGIN', 403, 'Missing Origin header on a cookie-authenticated request'));
        return;
      }
      next();
      return;
    }
    if (isAllowedOrigin(claimed, req.get('host'), policy)) {
      next();
      return;
    }
    next(new AppError('FOREIGN_ORIGIN', 403, `Requests from ${claimed} are not accepted`));
  };
}

function originOfReferer(referer: string | undefined): string | undefined {
  if (!referer) {
    return undefined;
  }
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Same host as the request, a configured trusted origin, or a sub-domain of APP_DOMAIN. */
export function isAllowedOrigin(
  origin: string,
  requestHost: string | undefined,
  policy: OriginPolicy,
): boolean {
  if (policy.trustedOrigins.includes(origin)) {
    return true;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === requestHost) {
    return true;
  }
  return (
    policy.appDomain !== undefined && (host === policy.appDomain || host.endsWith(`.${policy.appDomain}`))
  );
}
