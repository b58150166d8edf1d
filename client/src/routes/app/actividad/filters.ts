/** The filter chips, by the audit action group each one asks the server for. */
export const GROUPS = ['auth', 'staff', 'devices', 'members', 'menu'] as const;
export type Group = (typeof GROUPS)[number];

/** `?grupo=` of each chip: Spanish, because owners see it in the address bar. */
const SLUGS: Readonly<Record<Group, string>> = {
  auth: 'ingresos',
  staff: 'personal',
  devices: 'dispositivos',
  members: 'accesos',
  menu: 'precios',
};

export function slugOfGroup(group: Group): string {
  return SLUGS[group];
}

/** The group a `?grupo=` names, or null (all of them) for anything else. */
export function groupFromSlug(slug: string | null): Group | null {
  return GROUPS.find((group) => SLUGS[group] === slug) ?? null;
}
