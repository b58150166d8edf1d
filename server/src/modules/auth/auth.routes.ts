import { LoginInput, SignupInput, SwitchTenantInput, UpdateMeInput } from '@smartket/shared';
import { Router } from 'express';
import { limitAuthAttempts, type RateLimiter } from '../../http/middleware/rate-limit.ts';
import {
  clearSessionCookie,
  requireSession,
  setSessionCookie,
  signedIn,
} from '../../http/middleware/session.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { sessionEnded } from './auth.events.ts';
import type { AuthService } from './auth.service.ts';

/** `/api/auth`: signup and login (rate-limited), logout, me (and its name) and switching tenants. */
export function authRoutes(deps: {
  auth: AuthService;
  limiters: { perIp: RateLimiter; perEmail: RateLimiter };
  broadcaster: Broadcaster;
}): Router {
  const router = Router();
  const { auth } = deps;

  router.post(
    '/signup',
    limitAuthAttempts('signup', deps.limiters),
    validate(SignupInput),
    async (req, res) => {
      const { me, session } = await auth.signup(inputOf(res, SignupInput));
      setSessionCookie(req, res, session.token, session.expiresAt);
      res.status(201).json(me);
    },
  );

  router.post('/login', limitAuthAttempts('login', deps.limiters), validate(LoginInput), async (req, res) => {
    const { me, session } = await auth.login(inputOf(res, LoginInput));
    setSessionCookie(req, res, session.token, session.expiresAt);
    res.json(me);
  });

  router.post('/logout', async (req, res) => {
    const { session, adminEm } = res.locals;
    if (session) {
      await auth.logout(adminEm, session);
      deps.broadcaster.publish(sessionEnded(session.id, 'logout'));
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', requireSession(), async (_req, res) => {
    const { session, adminEm } = signedIn(res);
    res.json(await auth.me(adminEm, session));
  });

  router.patch('/me', requireSession(), validate(UpdateMeInput), async (_req, res) => {
    const { session, adminEm } = signedIn(res);
    res.json(await auth.updateMe(adminEm, session, inputOf(res, UpdateMeInput)));
  });

  router.post('/active-tenant', requireSession(), validate(SwitchTenantInput), async (_req, res) => {
    const { session, adminEm } = signedIn(res);
    res.json(await auth.switchTenant(adminEm, session, inputOf(res, SwitchTenantInput).tenantId));
  });

  return router;
}
