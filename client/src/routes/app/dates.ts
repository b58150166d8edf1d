import { getLocale, t } from '#lib/i18n/index.ts';

/** Every business is in Peru for now: dates are shown on Lima's clock, whatever the device says. */
export const BUSINESS_TIME_ZONE = 'America/Lima';

/**
 * "sábado 5 de diciembre" in the UI language, on Lima's clock. A day, never a time: a trial
 * runs to the end of its last day in Lima, so the day is all an owner needs to know.
 */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  const locale = getLocale();
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: BUSINESS_TIME_ZONE }).format(
    date,
  );
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(date);
  return t('app.date.weekdayDay', { weekday, day });
}
