import type {
  InvitationPreview,
  InvitationStatus,
  InvitationView,
  MembersView,
  MemberView,
} from '@smartket/shared';
import type { Membership } from '../tenants/membership.entity.ts';
import type { Invitation } from './invitation.entity.ts';

/**
 * Where an invitation stands at `now`. Accepting or revoking closes it for good; an open one past
 * its expiry is expired (the row keeps no such state: time alone decides).
 */
export function invitationStatus(
  invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) {
    return 'accepted';
  }
  if (invitation.revokedAt) {
    return 'revoked';
  }
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** `invitedBy`, when set, must be loaded. */
export function presentInvitation(invitation: Invitation, now: Date): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    invitedByEmail: invitation.invitedBy?.getEntity().email ?? null,
    invitedByName: invitation.invitedBy?.getEntity().displayName ?? null,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/** `membership.user` must be loaded. */
export function presentMember(membership: Membership, readerId: string): MemberView {
  const user = membership.user.getEntity();
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName ?? null,
    role: membership.role,
    joinedAt: membership.createdAt.toISOString(),
    isYou: user.id === readerId,
  };
}

/** The members screen: `invitations` as `listMembers` ordered them; `readerId` is who reads it. */
export function presentMembers(
  memberships: readonly Membership[],
  invitations: readonly Invitation[],
  readerId: string,
  now: Date,
): MembersView {
  return {
    members: memberships.map((membership) => presentMember(membership, readerId)),
    invitations: invitations.map((invitation) => presentInvitation(invitation, now)),
  };
}

/** What the person holding the link sees. `tenant` and `invitedBy` must be loaded. */
export function presentInvitationPreview(
  invitation: Invitation,
  accountExists: boolean,
  now: Date,
): InvitationPreview {
  return {
    businessName: invitation.tenant.getEntity().businessName,
    email: invitation.email,
    role: invitation.role,
    invitedByEmail: invitation.invitedBy?.getEntity().email ?? null,
    invitedByName: invitation.invitedBy?.getEntity().displayName ?? null,
    status: invitationStatus(invitation, now),
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists,
  };
}
