import { PIN_ATTEMPTS_BEFORE_LOCKOUT } from '@smartket/shared';

/** How long each lockout in a row lasts: the first 5 minutes, then 15, 30 and at most 60. */
const LOCKOUT_MINUTES = [5, 15, 30, 60] as const;

/** A day without a wrong PIN forgets earlier lockouts: the next one is short again. */
export const LOCKOUT_MEMORY_MS = 24 * 60 * 60 * 1000;

/** Wrong PINs of one person on one device, as `pin_lockouts` keeps them. */
export interface LockoutState {
  failedAttempts: number;
  lockouts: number;
  lockedUntil: Date | null | undefined;
  lastFailedAt: Date | null | undefined;
}

/** The state of someone who never typed a wrong PIN, or whose right PIN cleared the slate. */
export const CLEAR_LOCKOUT: LockoutState = {
  failedAttempts: 0,
  lockouts: 0,
  lockedUntil: null,
  lastFailedAt: null,
};

/** Until when the person is locked out at `now`; null when they may try their PIN. */
export function lockoutInForce(state: LockoutState, now: Date): Date | null {
  return state.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/** The minutes of the `count`-th lockout in a row (1-based), capped at the longest. */
export function lockoutMinutes(count: number): number {
  const index = Math.min(Math.max(count, 1), LOCKOUT_MINUTES.length) - 1;
  return LOCKOUT_MINUTES[index] ?? 60;
}

export type WrongPinOutcome =
  | { state: LockoutState; lockedOut: false; attemptsLeft: number }
  | { state: LockoutState; lockedOut: true; lockedUntil: Date };

/**
 * What one more wrong PIN does. The fifth in a row locks the person out on this device, each
 * lockout longer than the last, and starts the count of attempts again for after it. Call only
 * when no lockout is in force.
 */
export function afterWrongPin(state: LockoutState, now: Date): WrongPinOutcome {
  const forgotten =
    state.lastFailedAt instanceof Date && now.getTime() - state.lastFailedAt.getTime() >= LOCKOUT_MEMORY_MS;
  const earlier = forgotten ? CLEAR_LOCKOUT : state;
  const failedAttempts = earlier.failedAttempts + 1;
  if (failedAttempts < PIN_ATTEMPTS_BEFORE_LOCKOUT) {
    return {
      state: { ...earlier, failedAttempts, lastFailedAt: now },
      lockedOut: false,
      attemptsLeft: PIN_ATTEMPTS_BEFORE_LOCKOUT - failedAttempts,
    };
  }
  const lockouts = earlier.lockouts + 1;
  const lockedUntil = new Date(now.getTime() + lockoutMinutes(lockouts) * 60_000);
  return {
    state: { failedAttempts: 0, lockouts, lockedUntil, lastFailedAt: now },
    lockedOut: true,
    lockedUntil,
  };
}
