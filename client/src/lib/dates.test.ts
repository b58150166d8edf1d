import { describe, expect, it } from 'vitest';
import { businessDayOf, formatClock, isCalendarDay, shiftDay } from './dates.ts';

describe('formatClock', () => {
  it('reads Lima’s clock and keeps it on one line: no breakable space inside it', () => {
    // 13:44 UTC is 8:44 in Lima.
    const text = formatClock('2026-11-21T13:44:00.000Z');
    expect(text).toMatch(/^8:44/);
    expect(text).not.toMatch(/[ \t\n]/);
  });
});

describe('the business day', () => {
  it("reads the business's day on Lima's clock, whatever the device's zone", () => {
    // 01:30 UTC on the 21st is still 20:30 of the 20th in Lima.
    expect(businessDayOf('2026-11-21T01:30:00Z')).toBe('2026-11-20');
    expect(businessDayOf('2026-11-21T05:00:00Z')).toBe('2026-11-21');
  });

  it('moves a day at a time across months and years', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes a day from a URL only when it is a real day of the calendar', () => {
    expect(isCalendarDay('2026-02-29')).toBe(false);
    // Date.parse takes this one (as 2 March); the API does not.
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('ayer')).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
  });
});
