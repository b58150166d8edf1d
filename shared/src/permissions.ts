import type { Role } from './enums.ts';

/**
 * Everything a role may do, in one table. The server checks it on every route (`can(...)`) and
 * before putting a socket in a room; the client only uses it to hide what a role cannot do.
 */
export const PERMISSIONS = [
  'settings.edit',
  'plan.view',
  'branches.view',
  'branches.manage',
  'menu.view',
  'menu.edit',
  'staff.manage',
  'devices.manage',
  'members.manage',
  'audit.view',
  'orders.view',
  'orders.create',
  'orders.void_item',
  'orders.discount',
  'kitchen.view',
  'payments.charge',
  'sales.void',
  'cash.open',
  'cash.close',
  'reports.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What an owner may do and an admin (manager) may not: the business itself and who runs it. */
const OWNER_ONLY: readonly Permission[] = ['settings.edit', 'members.manage', 'audit.view'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((permission) => !OWNER_ONLY.includes(permission)),
  cashier: [
    'branches.view',
    'menu.view',
    'orders.view',
    'orders.create',
    'orders.discount',
    'payments.charge',
    'cash.open',
    'cash.close',
  ],
  waiter: ['branches.view', 'menu.view', 'orders.view', 'orders.create'],
  kitchen: ['branches.view', 'menu.view', 'kitchen.view'],
};

/** Whether `role` may do `permission`. Unknown roles may do nothing. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** The permissions of a role, for the client to decide what to show. */
export function permissionsOf(role: Role): Permission[] {
  return [...(ROLE_PERMISSIONS[role] ?? [])];
}
