import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** E-mail addresses are compared case-insensitively and without surrounding spaces. */
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const Password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const BusinessName = z.string().trim().min(2).max(80);

/**
 * A day of the calendar as `YYYY-MM-DD` (a real one: no 30 February). Year 0000 passes ISO 8601
 * but names no day PostgreSQL keeps, so it is refused here rather than failing the query.
 */
export const CalendarDay = z.iso
  .date()
  .refine((day) => !day.startsWith('0000-'), { message: 'Not a day of the calendar' });
