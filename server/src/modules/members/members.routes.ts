import { InvitationInput, type InvitationCreatedView } from '@smartket/shared';
import { Router, type Response } from 'express';
import { linkOrigin } from '../../http/links.ts';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { presentInvitation, presentMembers } from './members.presenter.ts';
import {
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
  type MembersScope,
} from './members.service.ts';

/** `/api/tenant/members` and `/api/tenant/invitations`: who runs the business (owners only). */
export function membersRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/members', can('members.manage'), async (_req, res) => {
    const scope = membersScope(res, deps);
    const { memberships, invitations } = await listMembers(scope);
    res.json(presentMembers(memberships, invitations, scope.actor.id, scope.now));
  });

  router.post('/invitations', can('members.manage'), validate(InvitationInput), async (req, res) => {
    const scope = membersScope(res, deps);
    const { invitation, link } = await inviteMember(scope, inputOf(res, InvitationInput), {
      origin: linkOrigin(req, deps.publicUrl),
      boss: deps.boss,
      logger: deps.logger,
    });
    const view: InvitationCreatedView = { invitation: presentInvitation(invitation, scope.now), link };
    res.status(201).json(view);
  });

  router.post('/invitations/:id/revoke', can('members.manage'), validate(EmptyBody), async (req, res) => {
    const scope = membersScope(res, deps);
    const invitation = await revokeInvitation(scope, pathId(req, 'id'));
    res.json(presentInvitation(invitation, scope.now));
  });

  router.delete('/members/:userId', can('members.manage'), async (req, res) => {
    await removeMember(membersScope(res, deps), pathId(req, 'userId'), deps);
    res.status(204).end();
  });

  return router;
}

function membersScope(res: Response, deps: TenantModuleDeps): MembersScope {
  const { tenant, actor, em } = tenantScope(res);
  return { adminEm: res.locals.adminEm, tenantEm: em, tenant, actor, now: deps.clock.now() };
}
