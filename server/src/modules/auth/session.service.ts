import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, randomToken, tokenMatches } from '../../lib/tokens.ts';
import { Session } from './session.entity.ts';
import { type User } from './user.entity.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ValidSession {
  session: Session;
  user: User;
  /** True when the expiry just moved forward, so the cookie must be sent again. */
  extended: boolean;
}

/**
 * Sessions as in Lucia's current guide: the token is `<id>.<secret>`, the database keeps the
 * id and the SHA-256 of the secret, compared in constant time. Expiry slides forward when a
 * session is used in the second half of its life.
 */
export class SessionService {
  private readonly lifetimeMs: number;
  private readonly clock: Clock;

  constructor(options: { lifetimeDays: number; clock: Clock }) {
    this.lifetimeMs = options.lifetimeDays * DAY_MS;
    this.clock = options.clock;
  }

  /** Creates a session and returns the token for the cookie; the token is never stored. */
  async create(
    em: EntityManager,
    user: User,
    activeTenantId: string | null,
  ): Promise<{ token: string; session: Session }> {
    const id = randomToken(15);
    const secret = randomToken(20);
    const session = em.create(Session, {
      id,
      secretHash: hashToken(secret),
      user,
      activeTenant: activeTenantId,
      expiresAt: new Date(this.clock.now().getTime() + this.lifetimeMs),
      createdAt: this.clock.now(),
    });
    await em.flush();
    return { token: `${id}.${secret}`, session };
  }

  /** The session behind a cookie token, or null when it is unknown, forged or expired. */
  async validate(em: EntityManager, token: string): Promise<ValidSession | null> {
    const [id, secret, extra] = token.split('.');
    if (!id || !secret || extra !== undefined || id.length > 32) {
      return null;
    }
    const session = await em.findOne(Session, { id }, { populate: ['user'] });
    if (!session) {
      return null;
    }
    if (!tokenMatches(secret, session.secretHash)) {
      return null;
    }
    const now = this.clock.now().getTime();
    if (now >= session.expiresAt.getTime()) {
      await em.nativeDelete(Session, { id });
      return null;
    }
    let extended = false;
    if (session.expiresAt.getTime() - now < this.lifetimeMs / 2) {
      session.expiresAt = new Date(now + this.lifetimeMs);
      await em.flush();
      extended = true;
    }
    return { session, user: session.user.getEntity(), extended };
  }

  /** Ends one session (logout). */
  async invalidate(em: EntityManager, sessionId: string): Promise<void> {
    await em.nativeDelete(Session, { id: sessionId });
  }

  /** Removes sessions past their expiry; run by a periodic job. Returns how many went. */
  async deleteExpired(em: EntityManager): Promise<number> {
    return em.nativeDelete(Session, { expiresAt: { $lte: this.clock.now() } });
  }
}
