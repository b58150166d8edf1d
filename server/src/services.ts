import { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import type { Config } from './config/env.ts';
import { adminOrmOptions } from './db/orm.ts';
import { TenantOrmRegistry } from './db/tenant-orm.registry.ts';
import { RateLimiter } from './http/middleware/rate-limit.ts';
import { createBoss } from './jobs/boss.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { createMailer, type Mailer } from './lib/mailer.ts';
import { SecretBox } from './lib/secret-box.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SessionService } from './modules/auth/session.service.ts';
import { DeviceAuthenticator } from './modules/devices/device-credentials.ts';
import { ProvisioningService, type ProvisioningDeps } from './modules/tenants/provisioning.service.ts';
import { TenantDatabaseLocator } from './modules/tenants/tenant-database.ts';
import { Broadcaster } from './realtime/broadcaster.ts';

/** Everything a running SmartKet holds, built once and shared by HTTP, sockets and jobs. */
export interface Services {
  config: Config;
  adminUrl: string;
  logger: Logger;
  clock: Clock;
  adminOrm: MikroORM;
  boss: PgBoss;
  registry: TenantOrmRegistry;
  locator: TenantDatabaseLocator;
  sessions: SessionService;
  /** Finds the paired device (and PIN sign-in) behind a device cookie. */
  devices: DeviceAuthenticator;
  provisioning: ProvisioningService;
  auth: AuthService;
  broadcaster: Broadcaster;
  /** Used by the `emails.send` job only. */
  mailer: Mailer;
  authLimiters: { perIp: RateLimiter; perEmail: RateLimiter };
}

export interface ServiceOverrides {
  clock?: Clock;
  beforeProvisioningStep?: ProvisioningDeps['beforeStep'];
  provisioningStrategy?: ProvisioningDeps['strategy'];
}

/** Wires the services for an admin database that is already migrated. Opens no connection yet. */
export function createServices(
  config: Config,
  adminUrl: string,
  secretKey: string,
  logger: Logger,
  overrides: ServiceOverrides = {},
): Services {
  const clock = overrides.clock ?? systemClock;
  const adminOrm = new MikroORM(adminOrmOptions(adminUrl));
  const secretBox = SecretBox.fromString(secretKey);
  const locator = new TenantDatabaseLocator(adminUrl, secretBox);
  const registry = new TenantOrmRegistry({ ...config.tenantPools, logger });
  const sessions = new SessionService({ lifetimeDays: config.sessionDays, clock });
  const provisioning = new ProvisioningService({
    adminOrm,
    adminUrl,
    templateDb: config.tenantTemplateDb,
    secretBox,
    locator,
    registry,
    sessions,
    clock,
    logger,
    ...(overrides.beforeProvisioningStep ? { beforeStep: overrides.beforeProvisioningStep } : {}),
    ...(overrides.provisioningStrategy ? { strategy: overrides.provisioningStrategy } : {}),
  });
  const { perIp, perEmail, windowSeconds } = config.authRateLimit;
  return {
    config,
    adminUrl,
    logger,
    clock,
    adminOrm,
    boss: createBoss(adminUrl, logger),
    registry,
    locator,
    sessions,
    devices: new DeviceAuthenticator({ registry, locator, clock }),
    provisioning,
    auth: new AuthService({ adminOrm, sessions, provisioning, registry, locator, clock, logger }),
    broadcaster: new Broadcaster(logger),
    mailer: createMailer(config, logger),
    authLimiters: {
      perIp: new RateLimiter({ limit: perIp, windowSeconds, clock }),
      perEmail: new RateLimiter({ limit: perEmail, windowSeconds, clock }),
    },
  };
}
