import { BUSINESS_TIME_ZONE } from '#lib/dates.ts';

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

/** A `YYYY-MM-DD` the date inputs and the API both read. */
export function isDay(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Lima calendar day of an instant, as `YYYY-MM-DD`: the log is grouped by it. */
export function dayKey(iso: string): string {
  return dayFormat.format(new Date(iso));
}
