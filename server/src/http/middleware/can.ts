import { roleCan, type Permission } from '@smartket/shared';
import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../../lib/errors.ts';

/** Deny by default: the request's membership role must hold `permission` (shared/permissions.ts). */
export function can(permission: Permission) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const role = res.locals.membership?.role;
    if (!role || !roleCan(role, permission)) {
      next(forbidden(`Your role may not ${permission}`));
      return;
    }
    next();
  };
}
