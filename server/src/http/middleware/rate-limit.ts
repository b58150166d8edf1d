import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';

/**
 * A fixed-window counter per key, kept in this process. Enough for one instance; with several
 * instances each one counts on its own, so the effective limit is N times higher.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;

  constructor(options: { limit: number; windowSeconds: number; clock: Clock }) {
    this.limit = options.limit;
    this.windowMs = options.windowSeconds * 1000;
    this.clock = options.clock;
  }

  /** Counts one hit for `key`; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || window.resetsAt <= now) {
      this.windows.set(key, { count: 1, resetsAt: now + this.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.resetsAt - now) / 1000) : 0;
  }

  private sweep(now: number): void {
    if (this.windows.size < 10_000) {
      return;
    }
    for (const [key, window] of this.windows) {
      if (window.resetsAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}

/**
 * Limits a route per client IP and, when the JSON body names one, per e-mail — so that neither
 * one address hammering many accounts nor many addresses hammering one account get through.
 */
export function limitAuthAttempts(name: string, limiters: { perIp: RateLimiter; perEmail: RateLimiter }) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    const email =
      typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string'
        ? body.email.trim().toLowerCase()
        : undefined;
    const waits = [
      limiters.perIp.hit(`${name}:ip:${req.ip ?? 'unknown'}`),
      email ? limiters.perEmail.hit(`${name}:email:${email}`) : 0,
    ];
    const retryAfter = Math.max(...waits);
    if (retryAfter > 0) {
      next(
        new AppError('RATE_LIMITED', 429, 'Too many attempts, try again later', {
          headers: { 'Retry-After': String(retryAfter) },
        }),
      );
      return;
    }
    next();
  };
}
