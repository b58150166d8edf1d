import { T0001Settings } from './t0001-settings.ts';
import { T0002BranchesAndMenu } from './t0002-branches-and-menu.ts';
import { T0003StaffDevicesAudit } from './t0003-staff-devices-audit.ts';
import { T0004OrdersAndBranchLog } from './t0004-orders-and-branch-log.ts';
import { T0005Checkout } from './t0005-checkout.ts';
import { T0006SaleVoidFlags } from './t0006-sale-void-flags.ts';
import { T0007CashTotalsBigint } from './t0007-cash-totals-bigint.ts';

/**
 * Tenant database migrations, oldest first. They run on the template (new tenants are cloned
 * from it) and on every existing tenant database (`npm run tenants:migrate`).
 */
export const tenantMigrations = [
  T0001Settings,
  T0002BranchesAndMenu,
  T0003StaffDevicesAudit,
  T0004OrdersAndBranchLog,
  T0005Checkout,
  T0006SaleVoidFlags,
  T0007CashTotalsBigint,
];
