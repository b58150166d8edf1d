import { describe, expect, it } from 'vitest';
import { businessDay } from './business-day.ts';

describe('businessDay', () => {
  it('answers the day in the branch’s time zone, not in UTC', () => {
    // 23:30 on a Friday in Lima is already Saturday 04:30 in UTC.
    expect(businessDay(new Date('2026-03-07T04:30:00Z'), 'America/Lima')).toBe('2026-03-06');
    expect(businessDay(new Date('2026-03-07T05:00:00Z'), 'America/Lima')).toBe('2026-03-07');
    expect(businessDay(new Date('2026-03-07T04:30:00Z'), 'UTC')).toBe('2026-03-07');
  });
});
