import { KitchenTicket } from '../modules/kitchen/kitchen-ticket.entity.ts';
import { Order } from '../modules/orders/order.entity.ts';
import { OrderItem } from '../modules/orders/order-item.entity.ts';
import { CashMovement } from '../modules/cash/cash-movement.entity.ts';
import { CashSession } from '../modules/cash/cash-session.entity.ts';
import { Customer } from '../modules/customers/customer.entity.ts';
import { OrderDiscount } from '../modules/orders/order-discount.entity.ts';
import { ReceiptSeries } from '../modules/sales/receipt-series.entity.ts';
import { SaleLine } from '../modules/sales/sale-line.entity.ts';
import { SalePayment } from '../modules/sales/sale-payment.entity.ts';
import { Sale } from '../modules/sales/sale.entity.ts';
import { OrderRound } from '../modules/orders/order-round.entity.ts';
import { OrderTable } from '../modules/orders/order-table.entity.ts';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Session } from '../modules/auth/session.entity.ts';
import { User } from '../modules/auth/user.entity.ts';
import { BranchStation } from '../modules/branches/branch-station.entity.ts';
import { Branch } from '../modules/branches/branch.entity.ts';
import { CashRegister } from '../modules/branches/cash-register.entity.ts';
import { DiningTable } from '../modules/branches/dining-table.entity.ts';
import { KitchenStation } from '../modules/branches/kitchen-station.entity.ts';
import { Zone } from '../modules/branches/zone.entity.ts';
import { Category } from '../modules/menu/category.entity.ts';
import { OptionGroup } from '../modules/menu/option-group.entity.ts';
import { Option } from '../modules/menu/option.entity.ts';
import { ProductOptionGroup } from '../modules/menu/product-option-group.entity.ts';
import { Product } from '../modules/menu/product.entity.ts';
import { AuditEntry } from '../modules/audit/audit-entry.entity.ts';
import { Device } from '../modules/devices/device.entity.ts';
import { PairingCode } from '../modules/devices/pairing-code.entity.ts';
import { Invitation } from '../modules/members/invitation.entity.ts';
import { Setting } from '../modules/settings/setting.entity.ts';
import { PinLockout } from '../modules/staff/pin-lockout.entity.ts';
import { StaffBranch } from '../modules/staff/staff-branch.entity.ts';
import { StaffSession } from '../modules/staff/staff-session.entity.ts';
import { Staff } from '../modules/staff/staff.entity.ts';
import { Membership } from '../modules/tenants/membership.entity.ts';
import { Tenant } from '../modules/tenants/tenant.entity.ts';
import { adminMigrations } from './admin/migrations/index.ts';
import { tenantMigrations } from './tenant/migrations/index.ts';

export const adminEntities = [Tenant, User, Membership, Session, PairingCode, Invitation];
export const tenantEntities = [
  Setting,
  Branch,
  Zone,
  DiningTable,
  CashRegister,
  KitchenStation,
  BranchStation,
  Category,
  Product,
  OptionGroup,
  Option,
  ProductOptionGroup,
  Staff,
  StaffBranch,
  StaffSession,
  PinLockout,
  Device,
  AuditEntry,
  Order,
  OrderTable,
  OrderRound,
  OrderItem,
  OrderDiscount,
  KitchenTicket,
  CashSession,
  CashMovement,
  Customer,
  ReceiptSeries,
  Sale,
  SaleLine,
  SalePayment,
];

export type MigrationList = NonNullable<NonNullable<Options['migrations']>['migrationsList']>;

interface PoolOptions {
  max: number;
  idleTimeoutMillis?: number;
}

function baseOptions(clientUrl: string, pool: PoolOptions, applicationName: string): Options {
  return {
    clientUrl,
    pool: { min: 0, max: pool.max, idleTimeoutMillis: pool.idleTimeoutMillis ?? 30_000 },
    driverOptions: { application_name: applicationName },
    extensions: [Migrator],
    ensureDatabase: false,
    allowGlobalContext: false,
    metadataCache: { enabled: false },
    discovery: { warnWhenNoEntities: false },
    debug: false,
  };
}

/** Options of the admin database ORM: tenants, users, memberships, sessions. */
export function adminOrmOptions(clientUrl: string, pool: PoolOptions = { max: 10 }): Options {
  return {
    ...baseOptions(clientUrl, pool, 'smartket-admin'),
    // A context name of its own, so that a tenant EntityManager forked inside an admin transaction
    // (pairing a device, accepting an invitation) is never resolved to the admin transaction's.
    contextName: 'admin',
    entities: adminEntities,
    migrations: {
      migrationsList: adminMigrations,
      tableName: 'mikro_orm_migrations',
      snapshot: false,
      silent: true,
    },
  };
}

/** Options of one tenant database ORM (and of the template it was cloned from). */
export function tenantOrmOptions(
  clientUrl: string,
  pool: PoolOptions,
  migrations: MigrationList = tenantMigrations,
): Options {
  return {
    ...baseOptions(clientUrl, pool, 'smartket-tenant'),
    contextName: 'tenant',
    entities: tenantEntities,
    migrations: {
      migrationsList: migrations,
      tableName: 'mikro_orm_migrations',
      snapshot: false,
      silent: true,
    },
  };
}

/** Applies every pending migration with `options` and closes the connection. Returns their names. */
export async function migrate(options: Options): Promise<string[]> {
  const orm = await MikroORM.init({ ...options, pool: { min: 0, max: 1 } });
  try {
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
