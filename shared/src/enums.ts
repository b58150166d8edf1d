/** Roles an e-mail account can hold in a tenant (admin = the manager). They sign in with a password. */
export const MEMBERSHIP_ROLES = ['owner', 'admin'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * Roles of staff without an e-mail account, kept in the tenant database; they sign in with a PIN
 * on a device paired to their branch. A manager is invited as `admin` instead: a PIN is too weak
 * for managing staff and devices.
 */
export const STAFF_ROLES = ['cashier', 'waiter', 'kitchen'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role of the permission table. */
export const ROLES = [...MEMBERSHIP_ROLES, ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** What a paired device is for: a kitchen screen runs on its own credential (kiosk). */
export const DEVICE_KINDS = ['shared_phone', 'cash_desk', 'kitchen_screen'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PLANS = ['trial', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const LINES_OF_BUSINESS = [
  'polleria',
  'restaurante',
  'cevicheria',
  'chifa',
  'cafeteria',
  'comida_rapida',
  'otro',
] as const;
export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

export const TRIAL_DAYS = 14;
