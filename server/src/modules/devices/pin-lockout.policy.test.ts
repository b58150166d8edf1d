import { describe, expect, it } from 'vitest';
import {
  afterWrongPin,
  CLEAR_LOCKOUT,
  LOCKOUT_MEMORY_MS,
  lockoutInForce,
  lockoutMinutes,
  type LockoutState,
  type WrongPinOutcome,
} from './pin-lockout.policy.ts';

const MINUTE = 60_000;
const start = new Date('2026-11-06T23:00:00Z');

/** Types `count` (at least one) wrong PINs a second apart from `at`; answers the last outcome. */
function wrongPins(state: LockoutState, count: number, at: Date): WrongPinOutcome {
  let outcome = afterWrongPin(state, at);
  for (let index = 1; index < count; index += 1) {
    outcome = afterWrongPin(outcome.state, new Date(at.getTime() + index * 1000));
  }
  return outcome;
}

describe('PIN lockouts', () => {
  it('counts the attempts left down to the fifth wrong PIN, which locks for 5 minutes', () => {
    let state = CLEAR_LOCKOUT;
    const left: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const outcome = afterWrongPin(state, start);
      if (outcome.lockedOut) {
        throw new Error('locked too early');
      }
      left.push(outcome.attemptsLeft);
      state = outcome.state;
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = afterWrongPin(state, start);
    expect(fifth).toMatchObject({ lockedOut: true, lockedUntil: new Date(start.getTime() + 5 * MINUTE) });
    expect(fifth.state).toMatchObject({ failedAttempts: 0, lockouts: 1 });
    expect(lockoutInForce(fifth.state, new Date(start.getTime() + 5 * MINUTE - 1))).not.toBeNull();
    expect(lockoutInForce(fifth.state, new Date(start.getTime() + 5 * MINUTE))).toBeNull();
  });

  it('grows each lockout in a row: 5, 15, 30, then 60 minutes at most', () => {
    expect([1, 2, 3, 4, 5, 9].map(lockoutMinutes)).toEqual([5, 15, 30, 60, 60, 60]);
    let state = CLEAR_LOCKOUT;
    let at = start;
    const lengths: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const outcome = wrongPins(state, 5, at);
      if (!outcome.lockedOut) {
        throw new Error('expected a lockout');
      }
      lengths.push((outcome.lockedUntil.getTime() - outcome.state.lastFailedAt!.getTime()) / MINUTE);
      state = outcome.state;
      at = outcome.lockedUntil;
    }
    expect(lengths).toEqual([5, 15, 30, 60, 60]);
  });

  it('forgets earlier lockouts and wrong PINs after a day without a wrong one', () => {
    const locked = wrongPins(CLEAR_LOCKOUT, 5, start);
    const oneMore = afterWrongPin(locked.state, new Date(start.getTime() + 10 * MINUTE));
    expect(oneMore.state).toMatchObject({ failedAttempts: 1, lockouts: 1 });

    const nextDay = new Date(oneMore.state.lastFailedAt!.getTime() + LOCKOUT_MEMORY_MS);
    const fresh = wrongPins(oneMore.state, 5, nextDay);
    expect(fresh).toMatchObject({
      lockedOut: true,
      lockedUntil: new Date(nextDay.getTime() + 4000 + 5 * MINUTE),
    });
    expect(fresh.state.lockouts).toBe(1);
  });
});
