import { PgBoss } from 'pg-boss';
import type { Logger } from '../lib/logger.ts';

export const BOSS_SCHEMA = 'pgboss';

/** The one job queue of the process, in the admin database (never one per tenant). */
export function createBoss(adminUrl: string, logger: Logger): PgBoss {
  const boss = new PgBoss({
    connectionString: adminUrl,
    schema: BOSS_SCHEMA,
    max: 4,
    application_name: 'smartket-jobs',
  });
  boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
  return boss;
}
