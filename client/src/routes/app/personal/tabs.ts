import type { Permission } from '@smartket/shared';
import type { Viewer } from '../screens.ts';

export type TeamTab = 'staff' | 'devices' | 'members';

/** Each tab: its `?tab=` (Spanish, owners see it in the address bar) and what a role needs to see it. */
export const TEAM_TABS: readonly { tab: TeamTab; slug: string; permission: Permission }[] = [
  { tab: 'staff', slug: 'personal', permission: 'staff.manage' },
  { tab: 'devices', slug: 'dispositivos', permission: 'devices.manage' },
  { tab: 'members', slug: 'administradores', permission: 'members.manage' },
];

/** The tabs `viewer` may use, in screen order (an admin has no "Administradores"). */
export function tabsFor(viewer: Pick<Viewer, 'can'>): TeamTab[] {
  return TEAM_TABS.filter((entry) => viewer.can(entry.permission)).map((entry) => entry.tab);
}

/** The tab a `?tab=` asks for, if this role may see it; otherwise the first one it may. */
export function tabFromSlug(slug: string | null, allowed: readonly TeamTab[]): TeamTab | null {
  const wanted = TEAM_TABS.find((entry) => entry.slug === slug)?.tab;
  return wanted && allowed.includes(wanted) ? wanted : (allowed[0] ?? null);
}

/** The `?tab=` of a tab. */
export function slugOf(tab: TeamTab): string {
  return TEAM_TABS.find((entry) => entry.tab === tab)?.slug ?? 'personal';
}
