/**
 * `npm run tenants:plan -- <slug> <plan> [--days N]`: puts a tenant on a plan, until online
 * payment exists. `pro` unlocks a tenant whose trial ended at once; `trial --days N` restarts
 * or shortens the trial (`--days 0` ends it now, which support uses to reproduce a lock).
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR — also while SmartKet runs on it.
 */
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { PLANS, TRIAL_DAYS, type Plan } from '@smartket/shared';
import { loadConfig } from '../config/env.ts';
import { openEmbeddedPostgres } from '../db/embedded.ts';
import { adminOrmOptions } from '../db/orm.ts';
import { systemClock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { changePlan } from '../modules/plans/plans.service.ts';

const USAGE = `usage: npm run tenants:plan -- <slug> <${PLANS.join('|')}> [--days N]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { days: { type: 'string' } },
});
const [slug, planArgument] = positionals;
if (!slug || !planArgument || positionals.length > 2) {
  fail('Name the tenant and the plan.');
}
if (!(PLANS as readonly string[]).includes(planArgument)) {
  fail(`Unknown plan "${planArgument}".`);
}
const plan = planArgument as Plan;
const trialDays = values.days === undefined ? TRIAL_DAYS : Number(values.days);
if (values.days !== undefined && (!/^\d{1,3}$/.test(values.days) || trialDays > 365)) {
  fail('--days is a whole number of days from 0 to 365.');
}
if (values.days !== undefined && plan !== 'trial') {
  fail('--days only applies to the trial plan.');
}

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const embedded = config.databaseUrl
  ? undefined
  : await openEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
const adminUrl = config.databaseUrl ?? embedded?.adminUrl ?? '';

let exitCode = 0;
const orm = new MikroORM(adminOrmOptions(adminUrl, { max: 1 }));
try {
  const change = await changePlan(orm.em.fork(), systemClock, { slug, plan, trialDays });
  const until = change.trialEndsAt ? `, trial ends ${change.trialEndsAt.toISOString()}` : '';
  console.log(`${change.slug} is now on ${change.plan}${until}. Modules: ${change.modules.join(', ')}.`);
} catch (error) {
  if (!(error instanceof AppError)) {
    throw error;
  }
  console.error(error.message);
  exitCode = 1;
} finally {
  await orm.close(true);
  await embedded?.stop();
}
process.exit(exitCode);
