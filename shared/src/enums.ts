/** Roles a user account can hold in a tenant. Staff roles (waiter, kitchen…) live in the tenant database. */
export const MEMBERSHIP_ROLES = ['owner', 'admin'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

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
