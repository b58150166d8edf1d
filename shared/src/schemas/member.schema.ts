import { z } from 'zod';
import { MEMBERSHIP_ROLES } from '../enums.ts';
import { Email, Password } from '../validations.ts';
import { DisplayName } from './auth.schema.ts';

export const INVITATION_DAYS = 7;

export const InvitationInput = z.strictObject({
  email: Email,
  role: z.enum(MEMBERSHIP_ROLES),
});
export type InvitationInput = z.infer<typeof InvitationInput>;

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const InvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  status: z.enum(INVITATION_STATUSES),
  invitedByEmail: z.string().nullable(),
  /** The inviter's name; null when they have none yet or their account is gone. */
  invitedByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type InvitationView = z.infer<typeof InvitationView>;

/** Answer to creating an invitation: the link is shown once, to copy or send by WhatsApp too. */
export const InvitationCreatedView = z.object({
  invitation: InvitationView,
  link: z.string(),
});
export type InvitationCreatedView = z.infer<typeof InvitationCreatedView>;

export const MemberView = z.object({
  userId: z.uuid(),
  email: z.string(),
  /** Null for an account made before names were asked that has not added one. */
  displayName: z.string().nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  joinedAt: z.iso.datetime(),
  /** The member reading the list. */
  isYou: z.boolean(),
});
export type MemberView = z.infer<typeof MemberView>;

export const MembersView = z.object({
  members: z.array(MemberView),
  /** Pending ones first; accepted, revoked and expired ones of the last 30 days after. */
  invitations: z.array(InvitationView),
});
export type MembersView = z.infer<typeof MembersView>;

/** `GET /api/invitations/:token`, public: what the invited person sees before accepting. */
export const InvitationPreview = z.object({
  businessName: z.string(),
  email: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  invitedByEmail: z.string().nullable(),
  /** The inviter's name; null when they have none yet or their account is gone. */
  invitedByName: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: z.iso.datetime(),
  /** Whether an account with this e-mail exists: sign in to accept, or choose a password. */
  accountExists: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/**
 * Signed in as the invited e-mail: no body (an existing account keeps its name). New to
 * SmartKet: the password and the name of the new account, both required then.
 */
export const AcceptInvitationInput = z.strictObject({
  password: Password.optional(),
  displayName: DisplayName.optional(),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;
