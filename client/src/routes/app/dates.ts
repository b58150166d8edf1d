import { getLocale } from '#lib/i18n/index.ts';

/** Every business is in Peru for now: dates are shown on Lima's clock, whatever the device says. */
export const BUSINESS_TIME_ZONE = 'America/Lima';

/** "lunes, 28 de julio de 2025, 3:45 p. m." in the UI language, on Lima's clock. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(new Date(iso));
}

/** "28 de julio" in the UI language, on Lima's clock. */
export function formatDayMonth(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), {
    day: 'numeric',
    month: 'long',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(new Date(iso));
}
