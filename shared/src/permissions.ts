import type { MembershipRole } from './enums.ts';

/**
 * Everything a role may do, in one table. The server checks it on every route (`can(...)`);
 * the client only uses it to hide what a role cannot do.
 */
export const PERMISSIONS = [
  'settings.edit',
  'branches.view',
  'branches.manage',
  'menu.view',
  'menu.edit',
  'plan.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<MembershipRole, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: ['branches.view', 'branches.manage', 'menu.view', 'menu.edit', 'plan.view'],
};

/** Whether `role` may do `permission`. Unknown roles may do nothing. */
export function roleCan(role: MembershipRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
