import { z } from 'zod';
import { PLANS } from '../enums.ts';
import { MODULES } from '../plans.ts';

const Limits = z.object({
  branches: z.int(),
  cashRegistersPerBranch: z.int(),
  tablesPerBranch: z.int(),
  products: z.int(),
  staff: z.int(),
});

/** `GET /api/tenant/plan`: the plan, its limits, what is used, and the trial's state. */
export const PlanView = z.object({
  plan: z.enum(PLANS),
  limits: Limits,
  modules: z.array(z.enum(MODULES)),
  usage: z.object({ branches: z.int(), products: z.int() }),
  trialEndsAt: z.iso.datetime().nullable(),
  trialDaysLeft: z.int().nullable(),
  readOnly: z.boolean(),
});
export type PlanView = z.infer<typeof PlanView>;
