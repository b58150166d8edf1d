import type { MikroORM } from '@mikro-orm/postgresql';
import { AcceptInvitationInput } from '@smartket/shared';
import { Router, type Request } from 'express';
import { limitAuthAttempts, type RateLimiter } from '../../http/middleware/rate-limit.ts';
import { setSessionCookie } from '../../http/middleware/session.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import type { TenantDatabases } from '../audit/audit.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { SessionService } from '../auth/session.service.ts';
import { acceptInvitation, previewInvitation, type InvitationsDeps } from './invitations.service.ts';

/**
 * `/api/invitations/:token`: public preview and acceptance of an invitation link, limited per IP
 * (a token is 256 random bits, the limit keeps the endpoint cheap to run).
 */
export function invitationRoutes(
  deps: TenantModuleDeps &
    TenantDatabases & {
      adminOrm: MikroORM;
      auth: AuthService;
      sessions: SessionService;
      limiters: { perIp: RateLimiter; perEmail: RateLimiter };
    },
): Router {
  const router = Router();
  const service: InvitationsDeps = deps;
  const limited = limitAuthAttempts('invitation', deps.limiters);

  router.get('/:token', limited, async (req, res) => {
    res.json(await previewInvitation(service, tokenParam(req)));
  });

  router.post('/:token/accept', limited, validate(AcceptInvitationInput), async (req, res) => {
    const { session, user, adminEm } = res.locals;
    const visitor = session && user ? { session, user, adminEm } : undefined;
    const accepted = await acceptInvitation(
      service,
      tokenParam(req),
      inputOf(res, AcceptInvitationInput),
      visitor,
    );
    if (accepted.session) {
      setSessionCookie(req, res, accepted.session.token, accepted.session.expiresAt);
    }
    res.json(accepted.me);
  });

  return router;
}

/** The `:token` of the path; anything but one string cannot be a token (the service says 404). */
function tokenParam(req: Request): string {
  const token = req.params.token;
  return typeof token === 'string' ? token : '';
}
