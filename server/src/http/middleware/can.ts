import { roleCan, type Permission } from '@smartket/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { forbidden } from '../../lib/errors.ts';

/**
 * A guard remembers its permissions, so the permission matrix test can read every route's: the
 * actor's role must hold one of them; `null` marks a route every signed-in actor may use
 * (`anyActor()`).
 */
export type PermissionGuard = RequestHandler & { readonly permissions: readonly Permission[] | null };

/** Deny by default: the actor's role must hold `permission` (shared/permissions.ts). */
export function can(permission: Permission): PermissionGuard {
  return guardFor([permission]);
}

/**
 * Deny by default, for a route two kinds of work need (a closing report: the cashier who closes
 * the register, the owner who reads reports): the actor's role must hold one of `permissions`.
 */
export function canAny(...permissions: [Permission, Permission, ...Permission[]]): PermissionGuard {
  return guardFor(permissions);
}

function guardFor(permissions: readonly Permission[]): PermissionGuard {
  const guard = (_req: Request, res: Response, next: NextFunction): void => {
    const role = res.locals.actor?.role;
    if (!role || !permissions.some((permission) => roleCan(role, permission))) {
      next(forbidden(`Your role may not ${permissions.join(' or ')}`));
      return;
    }
    next();
  };
  return Object.assign(guard, { permissions });
}

/** A route any actor of the tenant may use (who am I, what may I do): still never anonymous. */
export function anyActor(): PermissionGuard {
  const guard = (_req: Request, res: Response, next: NextFunction): void => {
    next(res.locals.actor ? undefined : forbidden('Sign in first'));
  };
  return Object.assign(guard, { permissions: null });
}
