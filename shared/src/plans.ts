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
// Trials run on Lima's calendar, where SmartKet's restaurants are; Peru keeps UTC−5 all year.
const LIMA_OFFSET_MS = -5 * 60 * 60 * 1000;

/** Days since the epoch on Lima's calendar: equal for two instants of the same Lima day. */
function limaDay(instant: Date): number {
  return Math.floor((instant.getTime() + LIMA_OFFSET_MS) / DAY_MS);
}

/**
 * When a trial of `days` days that starts at `start` ends: at the last moment (23:59:59.999,
 * Lima) of its last day, counting the start's own day as the first — so a restaurant is never
 * locked in the middle of an evening's service. `days = 0` gives an end already past.
 */
export function trialEndFrom(start: Date, days: number = TRIAL_DAYS): Date {
  const dayAfterLast = limaDay(start) + days;
  return new Date(dayAfterLast * DAY_MS - LIMA_OFFSET_MS - 1);
}

/**
 * Lima calendar days of trial left, today included: 14 on sign-up day, 1 on the last day, 0
 * once it has ended. `null` when the plan is not a trial.
 */
export function trialDaysLeft(plan: Plan, trialEndsAt: Date | null, now: Date): number | null {
  if (plan !== 'trial' || !trialEndsAt) {
    return null;
  }
  if (trialEndsAt.getTime() <= now.getTime()) {
    return 0;
  }
  return limaDay(trialEndsAt) - limaDay(now) + 1;
}

/** A trial that has ended turns the tenant read-only: reads work, every write answers 402. */
export function isTrialExpired(plan: Plan, trialEndsAt: Date | null, now: Date): boolean {
  return plan === 'trial' && trialEndsAt !== null && trialEndsAt.getTime() <= now.getTime();
}
