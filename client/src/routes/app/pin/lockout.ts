/** Seconds from `now` until `until` (an ISO date), 0 when it has passed or is unknown. */
export function secondsUntil(until: string | null, now: number): number {
  if (!until) {
    return 0;
  }
  const end = Date.parse(until);
  return Number.isNaN(end) ? 0 : Math.max(0, Math.ceil((end - now) / 1000));
}

/**
 * When a `PIN_LOCKED` answer says the lockout ends: its `lockedUntil`, else now plus
 * `retryAfterSeconds` (or the Retry-After header), else null.
 */
export function lockoutEnd(
  details: Readonly<Record<string, unknown>>,
  retryAfter: number | undefined,
  now: number,
): string | null {
  if (typeof details.lockedUntil === 'string' && !Number.isNaN(Date.parse(details.lockedUntil))) {
    return details.lockedUntil;
  }
  const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : retryAfter;
  return seconds !== undefined && seconds > 0 ? new Date(now + seconds * 1000).toISOString() : null;
}
