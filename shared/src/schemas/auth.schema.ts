import { z } from 'zod';
import { LINES_OF_BUSINESS, MEMBERSHIP_ROLES, PLANS, ROLES, TENANT_STATUSES } from '../enums.ts';
import { PERMISSIONS } from '../permissions.ts';
import { MODULES } from '../plans.ts';
import { BusinessName, Email, Password } from '../validations.ts';

export const DISPLAY_NAME_MAX_LENGTH = 60;

/**
 * What an owner or admin is called in the restaurant: on the orders they take, the kitchen
 * tickets, the receipts they charge and the activity log — instead of their e-mail. Runs of
 * spaces and line breaks become one space (it prints on one line of an 80 mm ticket).
 */
export const DisplayName = z
  .string()
  .overwrite((value) => value.replace(/\s+/g, ' '))
  .trim()
  .min(1)
  .max(DISPLAY_NAME_MAX_LENGTH)
  // Control and invisible formatting characters (a NUL, a right-to-left override) have no place
  // on a printed ticket.
  .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), { params: { code: 'invalid_value' } });

/**
 * The name an owner or admin acts under in a business — on orders, kitchen tickets, receipts
 * and the activity log: their display name, or else their e-mail's part before the @. Never the
 * whole address, which would land on a customer's receipt.
 */
export function actingName(user: { email: string; displayName?: string | null | undefined }): string {
  if (user.displayName) {
    return user.displayName;
  }
  const at = user.email.lastIndexOf('@');
  return at > 0 ? user.email.slice(0, at) : user.email;
}

export const SignupInput = z.strictObject({
  email: Email,
  password: Password,
  displayName: DisplayName,
  businessName: BusinessName,
  lineOfBusiness: z.enum(LINES_OF_BUSINESS).optional(),
});
export type SignupInput = z.infer<typeof SignupInput>;

export const LoginInput = z.strictObject({
  email: Email,
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SwitchTenantInput = z.strictObject({
  tenantId: z.uuid(),
});
export type SwitchTenantInput = z.infer<typeof SwitchTenantInput>;

export const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  /**
   * Null for accounts made before names were asked (they are invited to add one). Absent in a
   * copy of `/me` a device kept from before then, which still opens the app offline.
   */
  displayName: z.string().nullable().default(null),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserView>;

export const TenantView = z.object({
  id: z.uuid(),
  slug: z.string(),
  businessName: z.string(),
  lineOfBusiness: z.enum(LINES_OF_BUSINESS).nullable(),
  plan: z.enum(PLANS),
  status: z.enum(TENANT_STATUSES),
  trialEndsAt: z.iso.datetime().nullable(),
  /** Days of trial left by the server's clock; null when not on a trial. */
  trialDaysLeft: z.int().nullable(),
  /** The trial ended: reads work, writes answer 402 `TRIAL_EXPIRED` until a plan is chosen. */
  readOnly: z.boolean(),
  activeModules: z.array(z.enum(MODULES)),
  setupComplete: z.boolean(),
});
export type TenantView = z.infer<typeof TenantView>;

export const MembershipView = z.object({
  role: z.enum(MEMBERSHIP_ROLES),
  tenant: TenantView,
});
export type MembershipView = z.infer<typeof MembershipView>;

/** `PATCH /api/auth/me`: the signed-in person's own name; nobody else's. */
export const UpdateMeInput = z.strictObject({
  displayName: DisplayName,
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

/** What `GET /api/auth/me`, signup, login and tenant switching answer. */
export const MeView = z.object({
  user: UserView,
  memberships: z.array(MembershipView),
  activeTenantId: z.uuid().nullable(),
});
export type MeView = z.infer<typeof MeView>;

/** Who a request acts as: an e-mail user, a staff member signed in with a PIN, or a kiosk device. */
export const ActorView = z.object({
  kind: z.enum(['user', 'staff', 'device']),
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** The branch a staff member or device is bound to; null for owners and admins (all branches). */
  branchId: z.uuid().nullable(),
  deviceId: z.uuid().nullable(),
});
export type ActorView = z.infer<typeof ActorView>;

/** `GET /api/tenant`: the business the request acts in, read from its own database. */
export const CurrentTenantView = z.object({
  tenant: TenantView,
  role: z.enum(ROLES),
  actor: ActorView,
  permissions: z.array(z.enum(PERMISSIONS)),
  profile: z.object({
    businessName: z.string(),
    lineOfBusiness: z.enum(LINES_OF_BUSINESS).nullable(),
  }),
});
export type CurrentTenantView = z.infer<typeof CurrentTenantView>;
