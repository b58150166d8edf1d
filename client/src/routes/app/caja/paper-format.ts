import { formatPen } from '@smartket/shared';
import { BUSINESS_TIME_ZONE } from '#lib/dates.ts';

// How printed slips write dates: day/month/year and a 24-hour clock on Lima's time, the way
// Peruvian receipts do, whatever the device's language or clock.

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: BUSINESS_TIME_ZONE,
});

/** "21/11/2026 19:42" on Lima's clock. */
export function paperDateTime(iso: string | Date): string {
  const parts = Object.fromEntries(
    DATE_TIME.formatToParts(typeof iso === 'string' ? new Date(iso) : iso).map((part) => [
      part.type,
      part.value,
    ]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** "19:42" on Lima's clock. */
export function paperTime(iso: string): string {
  return paperDateTime(iso).slice(-5);
}

/** "Mesa 4 · Parte 1 de 2": the parts that are there, joined by a middle dot. */
export function dotted(...parts: readonly (string | null | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' · ');
}

/**
 * A difference with its sign, the way the paper's other lines write one: "+S/ 1.00", "−S/ 3.39"
 * (a true minus, as in "− Salidas"), "S/ 0.00" when it squares.
 */
export function signedPen(cents: number): string {
  if (cents === 0) {
    return formatPen(0);
  }
  return `${cents > 0 ? '+' : '−'}${formatPen(Math.abs(cents))}`;
}
