import { describe, expect, it } from 'vitest';
import { isTrialExpired, trialDaysLeft, trialEndFrom } from './plans.ts';

const at = (iso: string) => new Date(iso);

describe('the 14-day trial on Lima’s calendar', () => {
  it('ends at the close of the fourteenth day, counting the sign-up day', () => {
    // 10:00 in Lima on Monday 2 November → ends Sunday 15 November 23:59:59.999 in Lima.
    expect(trialEndFrom(at('2026-11-02T15:00:00Z')).toISOString()).toBe('2026-11-16T04:59:59.999Z');
    // 23:30 in Lima is still 2 November there, though already the 3rd in UTC.
    expect(trialEndFrom(at('2026-11-03T04:30:00Z')).toISOString()).toBe('2026-11-16T04:59:59.999Z');
    // 00:10 in Lima on the 3rd starts a day later.
    expect(trialEndFrom(at('2026-11-03T05:10:00Z')).toISOString()).toBe('2026-11-17T04:59:59.999Z');
  });

  it('counts the days left by calendar day in Lima, today included', () => {
    const end = trialEndFrom(at('2026-11-02T15:00:00Z'));
    expect(trialDaysLeft('trial', end, at('2026-11-02T15:00:00Z'))).toBe(14);
    expect(trialDaysLeft('trial', end, at('2026-11-03T04:59:59Z'))).toBe(14); // 23:59 on day 1
    expect(trialDaysLeft('trial', end, at('2026-11-03T05:00:00Z'))).toBe(13); // midnight, day 2
    expect(trialDaysLeft('trial', end, at('2026-11-15T05:00:00Z'))).toBe(1); // the last day
    expect(trialDaysLeft('trial', end, at('2026-11-16T04:59:59.998Z'))).toBe(1);
    expect(trialDaysLeft('trial', end, at('2026-11-16T04:59:59.999Z'))).toBe(0);
    expect(trialDaysLeft('pro', end, at('2026-11-02T15:00:00Z'))).toBeNull();
    expect(trialDaysLeft('trial', null, at('2026-11-02T15:00:00Z'))).toBeNull();
  });

  it('locks once the last moment has passed, and a trial of 0 days is already over', () => {
    const end = trialEndFrom(at('2026-11-02T15:00:00Z'));
    expect(isTrialExpired('trial', end, at('2026-11-16T04:59:59.998Z'))).toBe(false);
    expect(isTrialExpired('trial', end, at('2026-11-16T04:59:59.999Z'))).toBe(true);
    expect(isTrialExpired('pro', end, at('2027-01-01T00:00:00Z'))).toBe(false);
    const now = at('2026-11-20T20:00:00Z');
    expect(isTrialExpired('trial', trialEndFrom(now, 0), now)).toBe(true);
    expect(trialDaysLeft('trial', trialEndFrom(now, 1), now)).toBe(1);
  });
});
