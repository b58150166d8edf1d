import type { MikroORM } from '@mikro-orm/postgresql';
import { Router } from 'express';
import type { PgBoss } from 'pg-boss';
import type { TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import type { Logger } from '../../lib/logger.ts';

interface Check {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/** Times one probe; the reason for a failure goes to the log, not to the public answer. */
async function timed(probe: () => Promise<unknown>, logger: Logger, name: string): Promise<Check> {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    logger.error({ err: error, check: name }, 'health check failed');
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: 'unreachable' };
  }
}

/** `GET /api/health`: 200 when the admin database and the job queue answer, 503 otherwise. */
export function healthRoutes(deps: {
  adminOrm: MikroORM;
  boss: PgBoss;
  registry: TenantOrmRegistry;
  logger: Logger;
}): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [adminDatabase, jobQueue] = await Promise.all([
      timed(() => deps.adminOrm.em.getConnection().execute('select 1'), deps.logger, 'adminDatabase'),
      timed(() => deps.boss.getQueueStats('sessions.purge_expired'), deps.logger, 'jobQueue'),
    ]);
    const ok = adminDatabase.ok && jobQueue.ok;
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        status: ok ? 'ok' : 'unavailable',
        checks: { adminDatabase, jobQueue },
        tenantPools: deps.registry.stats(),
      });
  });
  return router;
}
