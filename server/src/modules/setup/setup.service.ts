import type { EntityManager } from '@mikro-orm/core';
import {
  FiscalView,
  SETUP_STEPS,
  type FieldIssue,
  type FiscalInput,
  type SetupBranchInput,
  type SetupCashRegisterInput,
  type SetupStep,
} from '@smartket/shared';
import { z } from 'zod';
import { lockTenantScope } from '../../db/locks.ts';
import { AppError } from '../../lib/errors.ts';
import { Branch } from '../branches/branch.entity.ts';
import type { BranchCounts } from '../branches/branches.presenter.ts';
import {
  countBranchContent,
  ensureSetupStations,
  lockBranch,
  NO_BRANCH_COUNTS,
  openBranch,
  openCashRegister,
  reviseBranch,
  reviseCashRegister,
  setActiveTableCount,
} from '../branches/branches.service.ts';
import { CashRegister } from '../branches/cash-register.entity.ts';
import { Product } from '../menu/product.entity.ts';
import { Setting } from '../settings/setting.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';

export const FISCAL_PROFILE_KEY = 'fiscal_profile';
export const SETUP_PROGRESS_KEY = 'setup_progress';

/** How the business sells (tenant setting `fiscal_profile`); the currency is always soles. */
export const FiscalProfile = FiscalView.omit({ currency: true });
export type FiscalProfile = z.infer<typeof FiscalProfile>;

/** Which branch and register the wizard made (tenant setting `setup_progress`). */
export const SetupProgress = z.object({
  branchId: z.uuid().nullable(),
  cashRegisterId: z.uuid().nullable(),
});
export type SetupProgress = z.infer<typeof SetupProgress>;

const NO_PROGRESS: SetupProgress = { branchId: null, cashRegisterId: null };

/** Everything the wizard has saved, and which steps are still to do, in their order. */
export interface SetupState {
  complete: boolean;
  missing: SetupStep[];
  fiscal: FiscalProfile | null;
  branch: Branch | null;
  /** The setup branch's active tables and registers; zeros before it exists. */
  branchCounts: BranchCounts;
  cashRegister: CashRegister | null;
  productCount: number;
}

/** What the wizard has saved so far, read back from the tenant database. */
export async function readSetup(em: EntityManager, tenant: Tenant): Promise<SetupState> {
  const fiscal = await readFiscalProfile(em);
  const progress = (await readSetting(em, SETUP_PROGRESS_KEY, SetupProgress)) ?? NO_PROGRESS;
  const branch = progress.branchId ? await em.findOne(Branch, { id: progress.branchId }) : null;
  const cashRegister =
    branch && progress.cashRegisterId
      ? await em.findOne(CashRegister, { id: progress.cashRegisterId, branchId: branch.id })
      : null;
  const branchCounts = branch ? await countBranchContent(em, branch.id) : NO_BRANCH_COUNTS;
  const productCount = await em.count(Product, { active: true });

  const done: Record<SetupStep, boolean> = {
    fiscal: fiscal !== null,
    branch: branch?.active === true,
    cash_register: branch?.active === true && cashRegister?.active === true,
    products: productCount > 0,
  };
  return {
    complete: tenant.setupComplete,
    missing: SETUP_STEPS.filter((step) => !done[step]),
    fiscal,
    branch,
    branchCounts,
    cashRegister,
    productCount,
  };
}

/** Step 1: sells with a RUC (its legal name and fiscal address) or with simple receipts. */
export async function saveFiscalStep(
  em: EntityManager,
  tenant: Tenant,
  input: FiscalInput,
): Promise<SetupState> {
  const profile: FiscalProfile =
    input.taxMode === 'ruc'
      ? { taxMode: 'ruc', ruc: input.ruc, legalName: input.legalName, fiscalAddress: input.fiscalAddress }
      : { taxMode: 'simple_receipt', ruc: null, legalName: null, fiscalAddress: null };
  await em.upsert(Setting, { key: FISCAL_PROFILE_KEY, value: profile, updatedAt: new Date() });
  return readSetup(em, tenant);
}

/**
 * Step 2, in one transaction: the first call opens the branch (or takes over the business's
 * first active branch, if it opened one elsewhere) with its zone "Salón", tables Mesa 1..N and
 * stations: Brasa, Cocina and Bar when the business has none yet, else its active ones. Later
 * calls edit that same branch and bring its active tables to N — or, when the owner closed it
 * and opened another, move to that one (reopening the closed one would hit the plan's limit).
 */
export async function saveBranchStep(
  em: EntityManager,
  tenant: Tenant,
  input: SetupBranchInput,
): Promise<SetupState> {
  return em.transactional(async (tx) => {
    const progress = await lockProgress(tx);
    const details = { name: input.name, address: input.address, district: input.district };
    let branch = progress.branchId ? await tx.findOne(Branch, { id: progress.branchId }) : null;
    if (!branch?.active) {
      const open = await tx.findOne(Branch, { active: true }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      branch = open ?? branch;
    }
    if (branch) {
      await lockBranch(tx, branch.id);
      await reviseBranch(tx, tenant, branch, { ...details, active: true });
    } else {
      branch = await openBranch(tx, tenant, details);
    }
    await tx.flush();
    await setActiveTableCount(tx, tenant, branch.id, input.tableCount);
    await ensureSetupStations(tx, branch.id);
    await writeProgress(tx, { ...progress, branchId: branch.id });
    await tx.flush();
    return readSetup(tx, tenant);
  });
}

/**
 * Step 3: the first call opens the setup branch's cash register (or takes over one the branch
 * already has); later calls rename it. 409 while the branch step is missing.
 */
export async function saveCashRegisterStep(
  em: EntityManager,
  tenant: Tenant,
  input: SetupCashRegisterInput,
): Promise<SetupState> {
  return em.transactional(async (tx) => {
    const progress = await lockProgress(tx);
    const branch = progress.branchId
      ? await tx.findOne(Branch, { id: progress.branchId, active: true })
      : null;
    if (!branch) {
      throw setupIncomplete(['branch']);
    }
    await lockBranch(tx, branch.id);
    let register = progress.cashRegisterId
      ? await tx.findOne(CashRegister, { id: progress.cashRegisterId, branchId: branch.id })
      : null;
    register ??= await tx.findOne(
      CashRegister,
      { branchId: branch.id, active: true },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    if (register) {
      await reviseCashRegister(tx, tenant, register, { name: input.name, active: true });
    } else {
      register = await openCashRegister(tx, tenant, branch.id, input);
    }
    await tx.flush();
    await writeProgress(tx, { ...progress, cashRegisterId: register.id });
    await tx.flush();
    return readSetup(tx, tenant);
  });
}

/**
 * Ends the wizard once every step is done (the menu has at least one active product) and marks
 * the tenant set up in the admin database. 409 naming the missing steps otherwise. Completing
 * again changes nothing.
 */
export async function completeSetup(
  em: EntityManager,
  adminEm: EntityManager,
  tenant: Tenant,
): Promise<SetupState> {
  const state = await readSetup(em, tenant);
  if (state.missing.length > 0) {
    throw setupIncomplete(state.missing);
  }
  if (!tenant.setupComplete) {
    tenant.setupComplete = true;
    await adminEm.flush();
  }
  return { ...state, complete: true };
}

/** The first step still to do, or `done`. */
export function nextStepOf(state: SetupState): SetupStep | 'done' {
  return state.missing[0] ?? 'done';
}

function setupIncomplete(missing: readonly SetupStep[]): AppError {
  const fields: Record<string, FieldIssue> = {};
  for (const step of missing) {
    fields[step] = { code: 'step_missing', message: `The ${step} step is not done yet` };
  }
  return new AppError('SETUP_INCOMPLETE', 409, `Setup steps missing: ${missing.join(', ')}`, { fields });
}

/** How the business sells (the wizard's first step), or null before it is saved. */
export function readFiscalProfile(em: EntityManager): Promise<FiscalProfile | null> {
  return readSetting(em, FISCAL_PROFILE_KEY, FiscalProfile);
}

async function readSetting<Schema extends z.ZodType>(
  em: EntityManager,
  key: string,
  schema: Schema,
): Promise<z.infer<Schema> | null> {
  const setting = await em.findOne(Setting, { key });
  return setting ? schema.parse(setting.value) : null;
}

/**
 * Inside a transaction: the wizard's progress, with every other wizard write of this tenant
 * waiting until this one commits — a double tap on "Siguiente" opens one branch, not two.
 */
async function lockProgress(tx: EntityManager): Promise<SetupProgress> {
  await lockTenantScope(tx, 'setup');
  return (await readSetting(tx, SETUP_PROGRESS_KEY, SetupProgress)) ?? NO_PROGRESS;
}

async function writeProgress(tx: EntityManager, progress: SetupProgress): Promise<void> {
  await tx.upsert(Setting, { key: SETUP_PROGRESS_KEY, value: progress, updatedAt: new Date() });
}
