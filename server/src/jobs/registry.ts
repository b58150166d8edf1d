import type { PgBoss } from 'pg-boss';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../lib/logger.ts';
import type { SessionService } from '../modules/auth/session.service.ts';
import type { ProvisioningService } from '../modules/tenants/provisioning.service.ts';

/** Every queue of the system, typed by the data its jobs carry. */
export interface JobData {
  'sessions.purge_expired': Record<string, never>;
  'tenants.clean_up_abandoned': Record<string, never>;
}
export type QueueName = keyof JobData;

const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * Creates the queues, their schedules and their workers. Jobs are idempotent and retried with
 * backoff by pg-boss; a job that keeps failing stays visible in its `failed` state.
 */
export async function registerJobs(
  boss: PgBoss,
  deps: { adminOrm: MikroORM; sessions: SessionService; provisioning: ProvisioningService; logger: Logger },
): Promise<void> {
  const retry = { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 };

  await boss.createQueue('sessions.purge_expired', retry);
  await boss.schedule('sessions.purge_expired', '17 * * * *', {});
  await boss.work<JobData['sessions.purge_expired']>('sessions.purge_expired', async () => {
    const removed = await deps.sessions.deleteExpired(deps.adminOrm.em.fork());
    deps.logger.info({ removed }, 'expired sessions purged');
  });

  await boss.createQueue('tenants.clean_up_abandoned', retry);
  await boss.schedule('tenants.clean_up_abandoned', '*/10 * * * *', {});
  await boss.work<JobData['tenants.clean_up_abandoned']>('tenants.clean_up_abandoned', async () => {
    const undone = await deps.provisioning.cleanUpAbandoned(ABANDONED_AFTER_MS);
    if (undone > 0) {
      deps.logger.warn({ undone }, 'abandoned tenant provisioning undone');
    }
  });
}
