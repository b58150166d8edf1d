import { PLAN_DEFINITIONS, PLANS, type Plan, type PlanLimit } from '@smartket/shared';
import { z } from 'zod';
import { ApiError } from '#lib/api/client.ts';

/** What a 403 `PLAN_LIMIT_REACHED` says: which limit, its maximum, and on which plan. */
export interface LimitReached {
  limit: PlanLimit;
  max: number;
  plan: Plan;
}

const LIMITS = Object.keys(PLAN_DEFINITIONS.trial.limits) as [PlanLimit, ...PlanLimit[]];
const LimitDetails = z.object({ limit: z.enum(LIMITS), max: z.int(), plan: z.enum(PLANS) });

/** The limit an error reports, or null when it is another error (or its details are unreadable). */
export function limitReached(error: unknown): LimitReached | null {
  if (!(error instanceof ApiError) || error.code !== 'PLAN_LIMIT_REACHED') {
    return null;
  }
  const parsed = LimitDetails.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

/**
 * The same answer the server would give before asking it: lets a screen explain the limit
 * instead of opening a form that cannot be saved. The server stays the authority.
 */
export function wouldExceed(plan: Plan, limit: PlanLimit, activeCount: number): LimitReached | null {
  const max = PLAN_DEFINITIONS[plan].limits[limit];
  return activeCount >= max ? { limit, max, plan } : null;
}
