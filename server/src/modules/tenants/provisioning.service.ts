import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/core';
import { PLAN_DEFINITIONS, trialEndFrom, type LineOfBusiness } from '@smartket/shared';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { quoteIdent, quoteLiteral } from '../../db/connection-url.ts';
import { migrate, tenantOrmOptions } from '../../db/orm.ts';
import { withSqlClient } from '../../db/sql-client.ts';
import { templateOwnerRole } from '../../db/tenant/template.ts';
import type { TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { chooseSlug } from '../../lib/slug.ts';
import { BUSINESS_PROFILE_KEY } from '../settings/settings.service.ts';
import { Setting } from '../settings/setting.entity.ts';
import type { SessionService } from '../auth/session.service.ts';
import { User } from '../auth/user.entity.ts';
import { Membership } from './membership.entity.ts';
import { Tenant } from './tenant.entity.ts';
import type { TenantDatabaseLocator } from './tenant-database.ts';

/** The steps of provisioning, in order; each one can be made to fail in tests. */
export const PROVISIONING_STEPS = [
  'reserve_tenant',
  'create_role',
  'create_database',
  'secure_database',
  'seed_database',
  'activate_account',
] as const;
export type ProvisioningStep = (typeof PROVISIONING_STEPS)[number];

/**
 * How the tenant database gets its schema: cloned from the migrated template (the design), or
 * by running every tenant migration on an empty database (the baseline the benchmark compares).
 */
export type ProvisioningStrategy = 'template' | 'migrations';

export interface SignupRequest {
  email: string;
  passwordHash: string;
  displayName: string;
  businessName: string;
  lineOfBusiness: LineOfBusiness | undefined;
}

export interface ProvisionedAccount {
  user: User;
  tenant: Tenant;
  membership: Membership;
  session: { token: string; expiresAt: Date };
}

export interface ProvisioningDeps {
  adminOrm: MikroORM;
  adminUrl: string;
  templateDb: string;
  secretBox: SecretBox;
  locator: TenantDatabaseLocator;
  registry: TenantOrmRegistry;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  strategy?: ProvisioningStrategy;
  /** Called before each step; tests throw from it to prove nothing is left behind. */
  beforeStep?: (
    step: ProvisioningStep,
    reserved: { databaseName: string; role: string } | undefined,
  ) => void | Promise<void>;
}

interface Reservation {
  tenantId: string;
  databaseName: string;
  role: string;
  password: string;
}

const CLONE_ATTEMPTS = 5;

/**
 * Signs a business up: a tenant row, a PostgreSQL role and database of its own cloned from the
 * template, the owner account and a session. All or nothing: when any step fails, every step
 * already done is undone and the caller gets one clear error.
 */
export class ProvisioningService {
  private readonly deps: ProvisioningDeps;

  constructor(deps: ProvisioningDeps) {
    this.deps = deps;
  }

  /** Provisions a new tenant for a new owner; throws `EMAIL_TAKEN` (409) or `PROVISIONING_FAILED`. */
  async signup(request: SignupRequest): Promise<ProvisionedAccount> {
    const em = this.deps.adminOrm.em.fork();
    if (await em.count(User, { email: request.email })) {
      throw emailTaken();
    }

    let reservation: Reservation | undefined;
    try {
      await this.step('reserve_tenant');
      reservation = await this.reserveTenant(em, request);
      await this.step('create_role', reservation);
      await this.createRole(reservation);
      await this.step('create_database', reservation);
      await this.createDatabase(reservation);
      await this.step('secure_database', reservation);
      await this.secureDatabase(reservation);
      await this.step('seed_database', reservation);
      await this.seedDatabase(reservation, request);
      await this.step('activate_account', reservation);
      return await this.activateAccount(reservation, request);
    } catch (error) {
      if (reservation) {
        await this.undo(reservation);
      }
      if (error instanceof AppError) {
        throw error;
      }
      this.deps.logger.error({ err: error }, 'tenant provisioning failed');
      throw new AppError(
        'PROVISIONING_FAILED',
        503,
        'We could not create your business right now, try again',
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Drops the database and role of a tenant whose provisioning never finished and deletes its
   * row. Safe to run more than once; used after a failure and by the clean-up job.
   */
  async undo(reservation: Reservation): Promise<void> {
    try {
      await this.deps.registry.evict(reservation.tenantId);
      await withSqlClient(this.deps.adminUrl, async (client) => {
        await client.query(`drop database if exists ${quoteIdent(reservation.databaseName)} with (force)`);
        await client.query(`drop role if exists ${quoteIdent(reservation.role)}`);
        await client.query('delete from tenants where id = $1 and status = $2', [
          reservation.tenantId,
          'provisioning',
        ]);
      });
    } catch (error) {
      // The row stays in `provisioning`; the clean-up job retries later.
      this.deps.logger.error({ err: error, tenantId: reservation.tenantId }, 'undoing provisioning failed');
    }
  }

  /** Undoes every tenant stuck in `provisioning` for longer than `olderThanMs` (a crash mid-signup). */
  async cleanUpAbandoned(olderThanMs: number): Promise<number> {
    const em = this.deps.adminOrm.em.fork();
    const cutoff = new Date(this.deps.clock.now().getTime() - olderThanMs);
    const stuck = await em.find(Tenant, { status: 'provisioning', createdAt: { $lt: cutoff } });
    for (const tenant of stuck) {
      await this.undo({
        tenantId: tenant.id,
        databaseName: tenant.databaseName,
        role: tenant.databaseRole,
        password: '',
      });
    }
    return stuck.length;
  }

  private async step(step: ProvisioningStep, reservation?: Reservation): Promise<void> {
    await this.deps.beforeStep?.(
      step,
      reservation && { databaseName: reservation.databaseName, role: reservation.role },
    );
  }

  private async reserveTenant(em: EntityManager, request: SignupRequest): Promise<Reservation> {
    const handle = encodeBase32LowerCaseNoPadding(randomBytes(10));
    const databaseName = `tenant_${handle}`;
    const password = encodeBase32LowerCaseNoPadding(randomBytes(20));
    const now = this.deps.clock.now();

    for (let attempt = 0; ; attempt += 1) {
      const slug = await chooseSlug(
        request.businessName,
        async (candidate) => (await em.count(Tenant, { slug: candidate })) > 0,
      );
      const tenant = em.create(Tenant, {
        slug,
        businessName: request.businessName,
        lineOfBusiness: request.lineOfBusiness ?? null,
        plan: 'trial',
        activeModules: [...PLAN_DEFINITIONS.trial.modules],
        status: 'provisioning',
        databaseName,
        databaseRole: databaseName,
        databasePasswordSealed: this.deps.secretBox.encrypt(password),
        databaseHost: 'primary',
        trialEndsAt: trialEndFrom(now),
        createdAt: now,
        updatedAt: now,
      });
      try {
        await em.flush();
        return { tenantId: tenant.id, databaseName, role: databaseName, password };
      } catch (error) {
        // Another signup took the same slug between our check and insert: pick again.
        em.clear();
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) {
          throw error;
        }
      }
    }
  }

  private async createRole(reservation: Reservation): Promise<void> {
    await withSqlClient(this.deps.adminUrl, (client) =>
      client.query(
        `create role ${quoteIdent(reservation.role)} login password ${quoteLiteral(reservation.password)} connection limit 50`,
      ),
    );
  }

  private async createDatabase(reservation: Reservation): Promise<void> {
    const name = quoteIdent(reservation.databaseName);
    const owner = quoteIdent(reservation.role);
    await withSqlClient(this.deps.adminUrl, async (client) => {
      if (this.strategy() === 'migrations') {
        await client.query(`create database ${name} owner ${owner}`);
        return;
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          await client.query(
            `create database ${name} template ${quoteIdent(this.deps.templateDb)} owner ${owner}`,
          );
          return;
        } catch (error) {
          // The template is briefly busy while `tenants:migrate` or a start-up migrates it.
          if (!isTemplateBusy(error) || attempt >= CLONE_ATTEMPTS) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    });
  }

  private async secureDatabase(reservation: Reservation): Promise<void> {
    const name = quoteIdent(reservation.databaseName);
    const role = quoteIdent(reservation.role);
    await withSqlClient(this.deps.adminUrl, async (client) => {
      await client.query(`revoke all on database ${name} from public`);
      await client.query(`grant connect, temporary on database ${name} to ${role}`);
    });
    if (this.strategy() === 'migrations') {
      const url = this.deps.locator.urlFor(
        reservation.databaseName,
        reservation.role,
        reservation.password,
        'primary',
      );
      await migrate(tenantOrmOptions(url, { max: 1 }));
      return;
    }
    const templateOwner = quoteIdent(templateOwnerRole(this.deps.templateDb));
    await withSqlClient(this.deps.locator.adminUrlFor(reservation.databaseName), async (client) => {
      await client.query(`reassign owned by ${templateOwner} to ${role}`);
      await client.query(`revoke all on schema public from ${templateOwner}`);
    });
  }

  private async seedDatabase(reservation: Reservation, request: SignupRequest): Promise<void> {
    const database = {
      tenantId: reservation.tenantId,
      databaseName: reservation.databaseName,
      url: this.deps.locator.urlFor(
        reservation.databaseName,
        reservation.role,
        reservation.password,
        'primary',
      ),
    };
    await this.deps.registry.withTenant(database, async (em) => {
      em.create(Setting, {
        key: BUSINESS_PROFILE_KEY,
        value: { businessName: request.businessName, lineOfBusiness: request.lineOfBusiness ?? null },
        updatedAt: this.deps.clock.now(),
      });
      await em.flush();
    });
  }

  private async activateAccount(
    reservation: Reservation,
    request: SignupRequest,
  ): Promise<ProvisionedAccount> {
    const em = this.deps.adminOrm.em.fork();
    try {
      return await em.transactional(async (tx) => {
        const now = this.deps.clock.now();
        const tenant = await tx.findOneOrFail(Tenant, reservation.tenantId);
        tenant.status = 'active';
        const user = tx.create(User, {
          email: request.email,
          passwordHash: request.passwordHash,
          displayName: request.displayName,
          createdAt: now,
          updatedAt: now,
        });
        const membership = tx.create(Membership, { user, tenant, role: 'owner', createdAt: now });
        await tx.flush();
        const { token, session } = await this.deps.sessions.create(tx, user, tenant.id);
        return { user, tenant, membership, session: { token, expiresAt: session.expiresAt } };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw emailTaken();
      }
      throw error;
    }
  }

  private strategy(): ProvisioningStrategy {
    return this.deps.strategy ?? 'template';
  }
}

function emailTaken(): AppError {
  return new AppError('EMAIL_TAKEN', 409, 'An account with this e-mail already exists', {
    fields: { email: { code: 'email_taken', message: 'Already registered' } },
  });
}

function isTemplateBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '55006';
}
