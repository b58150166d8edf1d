import type { EntityManager } from '@mikro-orm/core';
import { INVITATION_DAYS, type InvitationInput } from '@smartket/shared';
import type { PgBoss } from 'pg-boss';
import { queueJob } from '../../jobs/registry.ts';
import { AppError, fieldError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { commitAudit, type AuditRecord } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { Session } from '../auth/session.entity.ts';
import { User } from '../auth/user.entity.ts';
import { Membership } from '../tenants/membership.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { invitationLink } from './invitation-email.ts';
import { Invitation } from './invitation.entity.ts';
import { membershipEnded } from './members.events.ts';
import { invitationStatus } from './members.presenter.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Closed invitations stay on the members screen this long, then only the audit log has them. */
const CLOSED_INVITATIONS_SHOWN_DAYS = 30;
/** Invitations a business may send in 24 hours: plenty for a team, too few to send spam with. */
export const INVITATIONS_PER_DAY = 20;

/** Who changes the members of which tenant, through which databases. */
export interface MembersScope {
  /** The admin database: memberships and invitations live there. */
  adminEm: EntityManager;
  /** The tenant database: its audit log. */
  tenantEm: EntityManager;
  tenant: Tenant;
  actor: Actor;
  now: Date;
}

/** The tenant's members (owners first, then by joining) and its recent invitations. */
export async function listMembers(
  scope: Pick<MembersScope, 'adminEm' | 'tenant' | 'now'>,
): Promise<{ memberships: Membership[]; invitations: Invitation[] }> {
  const { adminEm, tenant, now } = scope;
  const memberships = await adminEm.find(
    Membership,
    { tenant: tenant.id },
    { populate: ['user'], orderBy: { createdAt: 'asc' } },
  );
  memberships.sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner'));
  const shownSince = new Date(now.getTime() - CLOSED_INVITATIONS_SHOWN_DAYS * DAY_MS);
  const invitations = await adminEm.find(
    Invitation,
    {
      tenant: tenant.id,
      $or: [
        { acceptedAt: null, revokedAt: null, expiresAt: { $gt: shownSince } },
        { acceptedAt: { $gt: shownSince } },
        { revokedAt: { $gt: shownSince } },
      ],
    },
    { populate: ['invitedBy'], orderBy: { createdAt: 'desc' } },
  );
  const pendingFirst = (invitation: Invitation) => (invitationStatus(invitation, now) === 'pending' ? 0 : 1);
  invitations.sort((a, b) => pendingFirst(a) - pendingFirst(b));
  return { memberships, invitations };
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The link with the token: shown once to the owner and e-mailed; only its hash is kept. */
  link: string;
}

/**
 * Invites `input.email` as `input.role`, replacing a pending invitation for the same e-mail, and
 * records `members.invited` (and `members.invitation_revoked` for the one replaced). At most
 * `INVITATIONS_PER_DAY` a day (429 RATE_LIMITED): each one sends an e-mail. Once committed, queues
 * the e-mail; when queueing fails the invitation stands (the owner has the link on screen) and
 * the failure is logged.
 */
export async function inviteMember(
  scope: MembersScope,
  input: InvitationInput,
  links: { origin: string; boss: PgBoss; logger: Logger },
): Promise<CreatedInvitation> {
  const { adminEm, tenantEm, tenant, actor, now } = scope;
  const token = randomToken(32);
  const invitation = await adminEm.transactional(async (tx) => {
    await lockMembers(tx, tenant.id);
    const isMember = await tx.count(Membership, { tenant: tenant.id, user: { email: input.email } });
    if (isMember > 0) {
      throw fieldError('email', 'already_member', 'This e-mail is already a member of the business');
    }
    await assertInvitationsLeftToday(tx, tenant.id, now);
    // One open invitation per e-mail (a unique index): close the previous one before adding this.
    const open = { tenant: tenant.id, email: input.email, acceptedAt: null, revokedAt: null };
    const replaced = (await tx.find(Invitation, open)).filter(
      (previous) => invitationStatus(previous, now) === 'pending',
    );
    await tx.nativeUpdate(Invitation, open, { revokedAt: now });
    const created = tx.create(Invitation, {
      tenant: tenant.id,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: await tx.findOne(User, { id: actor.id }),
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
    });
    await tx.flush();
    await commitAudit(
      tenantEm,
      actor,
      [
        ...replaced.map(invitationRevoked),
        {
          action: 'members.invited',
          entity: { type: 'invitation', id: created.id, label: input.email },
          after: { email: input.email, role: input.role },
        },
      ],
      now,
    );
    return created;
  });

  try {
    await queueJob(
      links.boss,
      'emails.send',
      {
        template: 'invitation',
        tenantId: tenant.id,
        invitationId: invitation.id,
        token,
        origin: links.origin,
      },
      { singletonKey: `invitation:${invitation.id}` },
    );
  } catch (error) {
    links.logger.error(
      { err: error, invitationId: invitation.id, tenantId: tenant.id },
      'invitation e-mail not queued; the owner still has the link on screen',
    );
  }
  return { invitation, link: invitationLink(links.origin, token) };
}

/**
 * Closes an invitation so its link stops working, and records `members.invitation_revoked`.
 * Revoking a revoked one answers it as it is; an accepted one is 409 (remove the member instead).
 */
export async function revokeInvitation(scope: MembersScope, invitationId: string): Promise<Invitation> {
  const { adminEm, tenantEm, tenant, actor, now } = scope;
  return adminEm.transactional(async (tx) => {
    await lockMembers(tx, tenant.id);
    const invitation = await tx.findOne(
      Invitation,
      { id: invitationId, tenant: tenant.id },
      { populate: ['invitedBy'] },
    );
    if (!invitation) {
      throw notFound('Invitation');
    }
    if (invitation.acceptedAt) {
      throw new AppError('INVITATION_USED', 409, 'The invitation was already accepted');
    }
    if (invitation.revokedAt) {
      return invitation;
    }
    invitation.revokedAt = now;
    await tx.flush();
    await commitAudit(tenantEm, actor, [invitationRevoked(invitation)], now);
    return invitation;
  });
}

/**
 * Takes `userId` out of the business. The last owner cannot go (409 LAST_OWNER), nor can the
 * owner remove themselves (409 CONFLICT: another owner does it). Records `members.removed`. The
 * removed person's next tenant request is a 404 (membership is checked on every request), and
 * after commit their sockets following this business are told and dropped.
 */
export async function removeMember(
  scope: MembersScope,
  userId: string,
  deps: { broadcaster: Broadcaster },
): Promise<void> {
  const { adminEm, tenantEm, tenant, actor, now } = scope;
  const sessionIds = await adminEm.transactional(async (tx) => {
    await lockMembers(tx, tenant.id);
    const membership = await tx.findOne(
      Membership,
      { tenant: tenant.id, user: userId },
      { populate: ['user'] },
    );
    if (!membership) {
      throw notFound('Member');
    }
    if (
      membership.role === 'owner' &&
      (await tx.count(Membership, { tenant: tenant.id, role: 'owner' })) <= 1
    ) {
      throw new AppError('LAST_OWNER', 409, 'The business needs at least one owner');
    }
    if (userId === actor.id) {
      throw new AppError('CONFLICT', 409, 'Another owner has to remove you');
    }
    const email = membership.user.getEntity().email;
    const sessions = await tx.find(Session, { user: userId, activeTenant: tenant.id });
    tx.remove(membership);
    await tx.flush();
    await commitAudit(
      tenantEm,
      actor,
      [
        {
          action: 'members.removed',
          entity: { type: 'membership', id: userId, label: email },
          before: { email, role: membership.role },
        },
      ],
      now,
    );
    return sessions.map((session) => session.id);
  });
  const broadcast = membershipEnded(sessionIds);
  if (broadcast) {
    deps.broadcaster.publish(broadcast);
  }
}

/**
 * Inside an admin transaction: queues behind every other change to this tenant's members and
 * invitations (one pending invitation per e-mail, at least one owner), until the transaction ends.
 */
export async function lockMembers(tx: EntityManager, tenantId: string): Promise<void> {
  if (!tx.isInTransaction()) {
    throw new Error('lockMembers outside a transaction would hold nothing');
  }
  await tx
    .getConnection()
    .execute(
      'select pg_advisory_xact_lock(hashtext(?))',
      [`members:${tenantId}`],
      'get',
      tx.getTransactionContext(),
    );
}

/** 429 once the business sent `INVITATIONS_PER_DAY` in the last 24 hours, until the oldest ages out. */
async function assertInvitationsLeftToday(tx: EntityManager, tenantId: string, now: Date): Promise<void> {
  const recent = await tx.find(
    Invitation,
    { tenant: tenantId, createdAt: { $gt: new Date(now.getTime() - DAY_MS) } },
    { orderBy: { createdAt: 'desc' }, limit: INVITATIONS_PER_DAY },
  );
  const oldest = recent.at(INVITATIONS_PER_DAY - 1);
  if (!oldest) {
    return;
  }
  const retryAfter = Math.max(1, Math.ceil((oldest.createdAt.getTime() + DAY_MS - now.getTime()) / 1000));
  throw new AppError('RATE_LIMITED', 429, 'Too many invitations today, try again later', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

function invitationRevoked(invitation: Invitation): AuditRecord {
  return {
    action: 'members.invitation_revoked',
    entity: { type: 'invitation', id: invitation.id, label: invitation.email },
    before: { email: invitation.email, role: invitation.role },
  };
}
