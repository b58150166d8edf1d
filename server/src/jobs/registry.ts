import type { PgBoss, SendOptions } from 'pg-boss';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Mailer } from '../lib/mailer.ts';
import type { SessionService } from '../modules/auth/session.service.ts';
import { sendInvitationEmail, type EmailJob } from '../modules/members/members.jobs.ts';
import type { ProvisioningService } from '../modules/tenants/provisioning.service.ts';

/** Every queue of the system, typed by the data its jobs carry. */
export interface JobData {
  'sessions.purge_expired': Record<string, never>;
  'tenants.clean_up_abandoned': Record<string, never>;
  'emails.send': EmailJob;
}
export type QueueName = keyof JobData;

const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** Queues a job with the data its queue expects. */
export function queueJob<Queue extends QueueName>(
  boss: PgBoss,
  name: Queue,
  data: JobData[Queue],
  options: SendOptions = {},
): Promise<string | null> {
  return boss.send(name, data, options);
}

export interface JobDeps {
  adminOrm: MikroORM;
  sessions: SessionService;
  provisioning: ProvisioningService;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

/**
 * Creates the queues, their schedules and their workers. Jobs are idempotent and retried with
 * backoff by pg-boss; a job that keeps failing stays visible in its `failed` state.
 */
export async function registerJobs(boss: PgBoss, deps: JobDeps): Promise<void> {
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

  // A mail server down for a while: retries over about an hour (backoff capped at 20 minutes).
  // An invitation's job carries its link, so a handled job is deleted at once (forgetEmailJob);
  // `deleteAfterSeconds` is the fallback, applied by pg-boss's maintenance (once a day by default).
  await boss.createQueue('emails.send', {
    ...retry,
    retryLimit: 8,
    retryDelay: 30,
    retryDelayMax: 1200,
    expireInSeconds: 120,
    deleteAfterSeconds: 3600,
  });
  await boss.work<EmailJob, unknown, { includeMetadata: true }>(
    'emails.send',
    { includeMetadata: true },
    async (jobs) => {
      for (const job of jobs) {
        const context = { jobId: job.id, template: job.data.template, attempt: job.retryCount + 1 };
        try {
          await sendEmail(deps, job.data);
        } catch (error) {
          const final = job.retryCount >= job.retryLimit;
          deps.logger[final ? 'error' : 'warn'](
            { ...context, err: error },
            final ? 'e-mail failed for good; the job stays failed' : 'e-mail failed; it will be retried',
          );
          throw error;
        }
        await forgetEmailJob(boss, deps.logger, job.id);
      }
    },
  );
}

/**
 * Deletes a handled `emails.send` job, so its data (an invitation's link) does not wait in the
 * queue's tables for maintenance. pg-boss supports deleting in the handler: its completion then
 * finds nothing to complete. A failure here only leaves the job to the queue's retention: the
 * e-mail went out, so it must not make the job retry.
 */
async function forgetEmailJob(boss: PgBoss, logger: Logger, jobId: string): Promise<void> {
  try {
    await boss.deleteJob('emails.send', jobId);
  } catch (error) {
    logger.warn({ err: error, jobId }, 'sent e-mail job not deleted; the queue retention will');
  }
}

async function sendEmail(deps: JobDeps, job: EmailJob): Promise<void> {
  switch (job.template) {
    case 'invitation':
      await sendInvitationEmail(deps, job);
      return;
  }
}
