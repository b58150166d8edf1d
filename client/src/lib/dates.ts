import { getLocale, t } from '#lib/i18n/index.ts';

// Days, clock times, "hace 3 min" and countdowns as owners and staff read them, in the UI language.

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

/**
 * "9:42 p. m." in the UI language, on Lima's clock. It never breaks between "p." and "m." when a
 * line wraps on a phone: the spaces the locale puts in a clock are non-breaking.
 */
export function formatClock(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: BUSINESS_TIME_ZONE,
  })
    .format(new Date(iso))
    .replace(/\s/g, '\u00a0');
}

/** "5 de marzo" in the UI language, on Lima's clock: for dates that are not about today. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), {
    day: 'numeric',
    month: 'long',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(new Date(iso));
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "hace 3 min", "hace 2 h", "ayer" in the UI language; null under a minute, where the caller
 * says "just now" in its own words. A time slightly in the future (clock skew) counts as now.
 */
export function formatAgo(iso: string, now: number): string | null {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const format = new Intl.RelativeTimeFormat(getLocale(), { style: 'short', numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) {
      return format.format(-Math.floor(seconds / size), unit);
    }
  }
  return null;
}

/** "4:05" for 245 seconds, the way a clock counts down (rounded up, never negative). */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}
