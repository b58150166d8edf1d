import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  actingName,
  type AcceptInvitationInput,
  type FieldIssue,
  type InvitationPreview,
  type MeView,
} from '@smartket/shared';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { hashToken } from '../../lib/tokens.ts';
import { commitAudit, type TenantDatabases } from '../audit/audit.service.ts';
import { weakPasswordIssue, type AuthService, type IssuedSession } from '../auth/auth.service.ts';
import type { Session } from '../auth/session.entity.ts';
import type { SessionService } from '../auth/session.service.ts';
import { User } from '../auth/user.entity.ts';
import { Membership } from '../tenants/membership.entity.ts';
import { Tenant } from '../tenants/tenant.entity.ts';
import { Invitation } from './invitation.entity.ts';
import { invitationStatus, presentInvitationPreview } from './members.presenter.ts';
import { lockMembers } from './members.service.ts';

/** A link token: `randomToken(32)`, 52 characters of lower-case base32. */
const TOKEN_SHAPE = /^[a-z2-7]{52}$/;

export interface InvitationsDeps extends TenantDatabases {
  adminOrm: MikroORM;
  auth: AuthService;
  sessions: SessionService;
  clock: Clock;
}

/** The person opening the link, when they are signed in. */
export interface SignedInVisitor {
  session: Session;
  user: User;
  adminEm: EntityManager;
}

export interface AcceptedInvitation {
  me: MeView;
  /** A session for a new account; none when the visitor was signed in already. */
  session: IssuedSession | null;
}

/** What the link shows before accepting. Unknown (or malformed) token → 404 INVITATION_INVALID. */
export async function previewInvitation(deps: InvitationsDeps, token: string): Promise<InvitationPreview> {
  const em = deps.adminOrm.em.fork();
  const invitation = await findByToken(em, token);
  const accountExists = (await em.count(User, { email: invitation.email })) > 0;
  return presentInvitationPreview(invitation, accountExists, deps.clock.now());
}

/**
 * Accepts an invitation, once. Signed in: the account's e-mail must be the invited one, and the
 * account keeps its name (a `displayName` sent along is not used). Not signed in: a new account
 * is created with `password` and `displayName` (an existing account signs in first).
 * Claiming the invitation, the account, the membership (kept as it is for a member already) and
 * the session commit together; the `members.joined` entry is committed in the tenant's log just
 * before. The active tenant becomes the invited one.
 */
export async function acceptInvitation(
  deps: InvitationsDeps,
  token: string,
  input: AcceptInvitationInput,
  visitor: SignedInVisitor | undefined,
): Promise<AcceptedInvitation> {
  const em = visitor?.adminEm ?? deps.adminOrm.em.fork();
  const invitation = await findByToken(em, token);
  assertOpen(invitation, deps.clock.now());
  if (visitor) {
    if (visitor.user.email !== invitation.email) {
      throw new AppError('INVITATION_EMAIL_MISMATCH', 403, 'The invitation is for another e-mail');
    }
    await inTenantDatabase(deps, em, invitation, (tenantEm) =>
      em.transactional((tx) => joinTenant(deps, tx, tenantEm, invitation, visitor.user)),
    );
    return { me: await deps.auth.switchTenant(em, visitor.session, invitation.tenant.id), session: null };
  }

  if ((await em.count(User, { email: invitation.email })) > 0) {
    throw accountExists();
  }
  const { password, displayName } = assertNewAccountFields(input, invitation.email);
  const passwordHash = await hashPassword(password);
  try {
    const created = await inTenantDatabase(deps, em, invitation, (tenantEm) =>
      em.transactional(async (tx) => {
        const now = deps.clock.now();
        const user = tx.create(User, {
          email: invitation.email,
          displayName,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        const issued = await deps.sessions.create(tx, user, invitation.tenant.id);
        await joinTenant(deps, tx, tenantEm, invitation, user);
        return issued;
      }),
    );
    return {
      me: await deps.auth.me(em, created.session),
      session: { token: created.token, expiresAt: created.session.expiresAt },
    };
  } catch (error) {
    // Someone signed up with this e-mail since the check: they sign in and accept.
    if (error instanceof UniqueConstraintViolationException) {
      throw accountExists();
    }
    throw error;
  }
}

/**
 * Runs `work` with the invited tenant's database leased. The lease is taken here, before any
 * admin transaction starts: the registry forks the tenant ORM's global EntityManager, which inside
 * a transaction of another ORM would resolve to that transaction's EntityManager instead.
 */
async function inTenantDatabase<T>(
  deps: InvitationsDeps,
  em: EntityManager,
  invitation: Invitation,
  work: (tenantEm: EntityManager) => Promise<T>,
): Promise<T> {
  const tenant = await em.findOneOrFail(Tenant, invitation.tenant.id, {
    populate: ['databasePasswordSealed'],
  });
  return deps.registry.withTenant(deps.locator.locate(tenant), work);
}

/**
 * Inside an admin transaction: claims the invitation for `user` (only one accept can), adds the
 * membership unless they have one (its role is kept), and records `members.joined` in the
 * tenant's log, committed just before the membership.
 */
async function joinTenant(
  deps: InvitationsDeps,
  tx: EntityManager,
  tenantEm: EntityManager,
  invitation: Invitation,
  user: User,
): Promise<void> {
  const now = deps.clock.now();
  const tenantId = invitation.tenant.id;
  await lockMembers(tx, tenantId);
  const claimed = await tx.nativeUpdate(
    Invitation,
    { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { acceptedAt: now, acceptedBy: user.id },
  );
  if (claimed === 0) {
    // Accepted, revoked or expired since it was read: answer as if read now.
    assertOpen(await tx.findOneOrFail(Invitation, invitation.id, { refresh: true }), now);
    throw new AppError('INVITATION_USED', 409, 'The invitation was already used');
  }
  const existing = await tx.findOne(Membership, { user: user.id, tenant: tenantId });
  const role = existing?.role ?? invitation.role;
  if (!existing) {
    tx.create(Membership, { user: user.id, tenant: tenantId, role, createdAt: now });
  }
  await tx.flush();
  await commitAudit(
    tenantEm,
    { kind: 'user', id: user.id, name: actingName(user), device: null },
    [
      {
        action: 'members.joined',
        entity: { type: 'membership', id: user.id, label: user.email },
        after: { email: user.email, role },
      },
    ],
    now,
  );
}

async function findByToken(em: EntityManager, token: string): Promise<Invitation> {
  const invitation = TOKEN_SHAPE.test(token)
    ? await em.findOne(
        Invitation,
        { tokenHash: hashToken(token), tenant: { status: 'active' } },
        { populate: ['tenant', 'invitedBy'] },
      )
    : null;
  if (!invitation) {
    throw new AppError('INVITATION_INVALID', 404, 'No such invitation');
  }
  return invitation;
}

/** 409 INVITATION_USED once accepted or revoked; 410 INVITATION_EXPIRED after its 7 days. */
function assertOpen(invitation: Invitation, now: Date): void {
  const status = invitationStatus(invitation, now);
  if (status === 'accepted' || status === 'revoked') {
    throw new AppError('INVITATION_USED', 409, 'The invitation was already used or revoked');
  }
  if (status === 'expired') {
    throw new AppError('INVITATION_EXPIRED', 410, 'The invitation expired');
  }
}

/**
 * A new account needs a password that is not easy to guess and a name: one 422 naming every
 * field at fault, so the form shows them all at once.
 */
function assertNewAccountFields(
  input: AcceptInvitationInput,
  email: string,
): { password: string; displayName: string } {
  const { password, displayName } = input;
  const fields: Record<string, FieldIssue> = {};
  const passwordIssue =
    password === undefined
      ? { code: 'required' as const, message: 'Choose a password for the new account' }
      : weakPasswordIssue(password, email);
  if (passwordIssue) {
    fields.password = passwordIssue;
  }
  if (displayName === undefined) {
    fields.displayName = { code: 'required', message: 'Say your name for the new account' };
  }
  if (password === undefined || displayName === undefined || Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${Object.keys(fields).join(', ')}`, {
      fields,
    });
  }
  return { password, displayName };
}

function accountExists(): AppError {
  return new AppError('ACCOUNT_EXISTS', 409, 'An account with this e-mail exists: sign in to accept');
}
