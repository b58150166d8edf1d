import { TRIAL_DAYS, type Plan } from './enums.ts';

/** Modules a tenant can have switched on; the plan decides which (the tenant's `activeModules`). */
export const MODULES = [
  'tables',
  'kitchen_display',
  'cash_register',
  'takeaway_delivery',
  'menu_import',
  'reports',
  'multi_branch',
] as const;
export type Module = (typeof MODULES)[number];

/** What a plan allows. Counts are of active records: a deactivated one frees its place. */
export interface PlanLimits {
  branches: number;
  cashRegistersPerBranch: number;
  tablesPerBranch: number;
  products: number;
  staff: number;
}
export type PlanLimit = keyof PlanLimits;

export interface PlanDefinition {
  plan: Plan;
  limits: PlanLimits;
  modules: readonly Module[];
}

/**
 * The one definition of every plan. The server enforces these limits; the client only shows
 * them. The trial is the whole product for one branch, so an owner judges what they would pay for.
 */
export const PLAN_DEFINITIONS: Readonly<Record<Plan, PlanDefinition>> = {
  trial: {
    plan: 'trial',
    limits: { branches: 1, cashRegistersPerBranch: 2, tablesPerBranch: 60, products: 5000, staff: 15 },
    modules: ['tables', 'kitchen_display', 'cash_register', 'takeaway_delivery', 'menu_import', 'reports'],
  },
  pro: {
    plan: 'pro',
    limits: { branches: 10, cashRegistersPerBranch: 6, tablesPerBranch: 200, products: 10000, staff: 150 },
    modules: MODULES,
  },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a trial that starts at `start` and lasts `days` ends. */
export function trialEndFrom(start: Date, days: number = TRIAL_DAYS): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/**
 * Whole days of trial left, counting today's unfinished day: 14 on sign-up day, 1 on the
 * last day, 0 once it has ended. `null` when the plan is not a trial.
 */
export function trialDaysLeft(plan: Plan, trialEndsAt: Date | null, now: Date): number | null {
  if (plan !== 'trial' || !trialEndsAt) {
    return null;
  }
  return Math.max(0, Math.ceil((trialEndsAt.getTime() - now.getTime()) / DAY_MS));
}

/** A trial that has ended turns the tenant read-only: reads work, every write answers 402. */
export function isTrialExpired(plan: Plan, trialEndsAt: Date | null, now: Date): boolean {
  return plan === 'trial' && trialEndsAt !== null && trialEndsAt.getTime() <= now.getTime();
}
