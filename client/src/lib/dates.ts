import { getLocale, t } from '#lib/i18n/index.ts';

// Days, clock times, "hace 3 min" and countdowns as owners and staff read them, in the UI language.

/** Every business is in Peru for now: dates are shown on Lima's clock, whatever the device says. */
export const BUSINESS_TIME_ZONE = 'America/Lima';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const businessDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * "2026-11-21": the business's day (on Lima's clock) of an instant, written as the API and the
 * address bar (`?dia=`, `?desde=`) name days. Screens group and pick days by it.
 */
export function businessDayOf(iso: string): string {
  return businessDayFormat.format(new Date(iso));
}

/**
 * Whether `value` is a day of the calendar written YYYY-MM-DD (a URL can say anything): a real
 * one, so "2026-02-30" is not, where the API would refuse it.
 */
export function isCalendarDay(value: string | null | undefined): value is string {
  if (!value || !CALENDAR_DAY.test(value)) {
    return false;
  }
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The calendar day `days` after `day` (before it when negative), both YYYY-MM-DD. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

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
