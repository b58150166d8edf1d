import { roleCan, type Permission } from '@smartket/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { forbidden } from '../../lib/errors.ts';

/**
 * A guard remembers its permission, so the permission matrix test can read every route's;
 * `null` marks a route every signed-in actor may use (`anyActor()`).
 */
export type PermissionGuard = RequestHandler & { readonly permission: Permission | null };

/** Deny by default: the actor's role must hold `permission` (shared/permissions.ts). */
export function can(permission: Permission): PermissionGuard {
  const guard = (_req: Request, res: Response, next: NextFunction): void => {
    const role = res.locals.actor?.role;
    if (!role || !roleCan(role, permission)) {
      next(forbidden(`Your role may not ${permission}`));
      return;
    }
    next();
  };
  return Object.assign(guard, { permission });
}

/** A route any actor of the tenant may use (who am I, what may I do): still never anonymous. */
export function anyActor(): PermissionGuard {
  const guard = (_req: Request, res: Response, next: NextFunction): void => {
    next(res.locals.actor ? undefined : forbidden('Sign in first'));
  };
  return Object.assign(guard, { permission: null });
}
