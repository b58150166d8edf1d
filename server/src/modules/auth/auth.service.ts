import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  actingName,
  type FieldIssue,
  type LoginInput,
  type MeView,
  type SignupInput,
  type UpdateMeInput,
} from '@smartket/shared';
import type { Clock } from '../../lib/clock.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { hashPassword, isCommonPassword, passwordDecoyHash, verifyPassword } from '../../lib/passwords.ts';
import { recordAuditInTenant, type TenantDatabases } from '../audit/audit.service.ts';
import { Membership } from '../tenants/membership.entity.ts';
import type { ProvisioningService } from '../tenants/provisioning.service.ts';
import { Tenant } from '../tenants/tenant.entity.ts';
import { presentMe } from './auth.presenter.ts';
import { type Session } from './session.entity.ts';
import type { SessionService } from './session.service.ts';
import { User } from './user.entity.ts';

/**
 * How long a login waits for its `auth.signed_in` entry. A tenant database that is slower (its
 * pool busy on a Friday night, a migration holding the table) finishes the entry in the
 * background instead of holding the owner at the door.
 */
const SIGN_IN_AUDIT_WAIT_MS = 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export interface SignedIn {
  me: MeView;
  session: IssuedSession;
}

/** Accounts: signup with a new tenant, login, logout, the signed-in view and tenant switching. */
export class AuthService {
  private readonly adminOrm: MikroORM;
  private readonly sessions: SessionService;
  private readonly provisioning: ProvisioningService;
  private readonly tenantDatabases: TenantDatabases;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    deps: {
      adminOrm: MikroORM;
      sessions: SessionService;
      provisioning: ProvisioningService;
      clock: Clock;
      logger: Logger;
    } & TenantDatabases,
  ) {
    this.adminOrm = deps.adminOrm;
    this.clock = deps.clock;
    this.sessions = deps.sessions;
    this.provisioning = deps.provisioning;
    this.tenantDatabases = { registry: deps.registry, locator: deps.locator };
    this.logger = deps.logger;
  }

  /** Creates the owner, their tenant with its own database, and a session. */
  async signup(input: SignupInput): Promise<SignedIn> {
    assertStrongPassword(input.password, input.email);
    const passwordHash = await hashPassword(input.password);
    const account = await this.provisioning.signup({
      email: input.email,
      passwordHash,
      displayName: input.displayName,
      businessName: input.businessName,
      lineOfBusiness: input.lineOfBusiness,
    });
    return {
      me: presentMe(account.user, [account.membership], account.tenant.id, this.clock.now()),
      session: account.session,
    };
  }

  /** Checks the credentials; unknown e-mail and wrong password answer the same, in the same time. */
  async login(input: LoginInput): Promise<SignedIn> {
    const em = this.adminOrm.em.fork();
    const user = await em.findOne(User, { email: input.email }, { populate: ['passwordHash'] });
    const matches = await verifyPassword(user?.passwordHash ?? (await passwordDecoyHash()), input.password);
    if (!user || !matches) {
      throw new AppError('INVALID_CREDENTIALS', 401, 'Wrong e-mail or password');
    }
    const memberships = await this.membershipsOf(em, user.id);
    const activeTenantId =
      memberships.find((m) => m.tenant.getEntity().status === 'active')?.tenant.id ?? null;
    const { token, session } = await this.sessions.create(em, user, activeTenantId);
    if (activeTenantId) {
      await waitAtMost(this.recordSignIn(em, user, activeTenantId), SIGN_IN_AUDIT_WAIT_MS);
    }
    return {
      me: presentMe(user, memberships, activeTenantId, this.clock.now()),
      session: { token, expiresAt: session.expiresAt },
    };
  }

  /** What the signed-in user sees of themselves and their businesses. */
  async me(em: EntityManager, session: Session): Promise<MeView> {
    const user = session.user.getEntity();
    const memberships = await this.membershipsOf(em, user.id);
    return presentMe(user, memberships, session.activeTenant?.id ?? null, this.clock.now());
  }

  /** Sets the signed-in person's own name; the session names whose, never the request. */
  async updateMe(em: EntityManager, session: Session, input: UpdateMeInput): Promise<MeView> {
    const user = session.user.getEntity();
    user.displayName = input.displayName;
    await em.flush();
    return this.me(em, session);
  }

  /** Makes another of the user's tenants the active one for this session. */
  async switchTenant(em: EntityManager, session: Session, tenantId: string): Promise<MeView> {
    const membership = await em.findOne(
      Membership,
      { user: session.user.id, tenant: tenantId },
      { populate: ['tenant'] },
    );
    if (!membership || membership.tenant.getEntity().status !== 'active') {
      throw forbidden('You are not a member of that business');
    }
    session.activeTenant = membership.tenant;
    await em.flush();
    return this.me(em, session);
  }

  /** Ends this session on the server: its token stops working everywhere. */
  async logout(em: EntityManager, session: Session): Promise<void> {
    await this.sessions.invalidate(em, session.id);
  }

  /**
   * Writes `auth.signed_in` into the active tenant's audit log, after the session is committed.
   * The log is the tenant's and the login is the account's: failing to write it is logged, and
   * the person is signed in all the same. Never rejects.
   */
  private async recordSignIn(em: EntityManager, user: User, tenantId: string): Promise<void> {
    const at = this.clock.now();
    try {
      const tenant = await em.findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
      await recordAuditInTenant(
        this.tenantDatabases,
        tenant,
        { kind: 'user', id: user.id, name: actingName(user), device: null },
        { action: 'auth.signed_in' },
        at,
      );
    } catch (error) {
      this.logger.error({ err: error, tenantId, userId: user.id }, 'sign-in not written to the audit log');
    }
  }

  private membershipsOf(em: EntityManager, userId: string): Promise<Membership[]> {
    return em.find(
      Membership,
      { user: userId, tenant: { status: { $ne: 'provisioning' } } },
      { populate: ['tenant'], orderBy: { createdAt: 'asc' } },
    );
  }
}

/** Waits for `work` (which never rejects) up to `ms`; past that, lets it finish on its own. */
async function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** Refuses passwords that are easy to guess, naming the field and the reason. */
export function assertStrongPassword(password: string, email: string): void {
  const issue = weakPasswordIssue(password, email);
  if (issue) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: password`, { fields: { password: issue } });
  }
}

/** What makes `password` easy to guess for the account of `email`, if anything. */
export function weakPasswordIssue(password: string, email: string): FieldIssue | undefined {
  const lowered = password.trim().toLowerCase();
  if (lowered === email || lowered === email.split('@')[0]) {
    return { code: 'password_equals_email', message: 'The password cannot be your e-mail' };
  }
  if (isCommonPassword(password)) {
    return { code: 'password_common', message: 'This password is too common' };
  }
  return undefined;
}
