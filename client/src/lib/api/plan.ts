import { PlanView, type PlanView as Plan } from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

/** The active business's plan, its limits, what it uses of them, and the trial's state. */
export function fetchPlan(options?: RequestOptions): Promise<Plan> {
  return api.get('/api/tenant/plan', PlanView, options);
}
