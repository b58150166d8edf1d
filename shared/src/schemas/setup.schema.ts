import { z } from 'zod';
import { rucProblem } from '../ruc.ts';
import {
  BranchInput,
  BranchView,
  CashRegisterInput,
  CashRegisterView,
  MAX_TABLES_PER_REQUEST,
} from './branch.schema.ts';

export const SETUP_STEPS = ['fiscal', 'branch', 'cash_register', 'products'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const TAX_MODES = ['ruc', 'simple_receipt'] as const;
export type TaxMode = (typeof TAX_MODES)[number];

export const Ruc = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = rucProblem(value);
    if (problem) {
      context.addIssue({ code: 'custom', message: `Invalid RUC (${problem})`, params: { code: problem } });
    }
  });

/** Step 1: sell with a RUC (facturas and boletas) or with simple receipts and no RUC. */
export const FiscalInput = z.discriminatedUnion('taxMode', [
  z.strictObject({
    taxMode: z.literal('ruc'),
    ruc: Ruc,
    legalName: z.string().trim().min(2).max(120),
    fiscalAddress: z.string().trim().min(5).max(200),
  }),
  z.strictObject({ taxMode: z.literal('simple_receipt') }),
]);
export type FiscalInput = z.infer<typeof FiscalInput>;

export const FiscalView = z.object({
  taxMode: z.enum(TAX_MODES),
  ruc: z.string().nullable(),
  legalName: z.string().nullable(),
  fiscalAddress: z.string().nullable(),
  currency: z.literal('PEN'),
});
export type FiscalView = z.infer<typeof FiscalView>;

/** Step 2: the first branch and its tables, Mesa 1..N in the zone "Salón". */
export const SetupBranchInput = BranchInput.extend({
  tableCount: z.int().min(0).max(MAX_TABLES_PER_REQUEST),
});
export type SetupBranchInput = z.infer<typeof SetupBranchInput>;

/** Step 3: the first cash register of that branch. */
export const SetupCashRegisterInput = CashRegisterInput;
export type SetupCashRegisterInput = z.infer<typeof SetupCashRegisterInput>;

/** `GET /api/tenant/setup`: what is saved so far, so any device resumes where the owner left. */
export const SetupView = z.object({
  complete: z.boolean(),
  /** The first step not done yet, or `done` when all four are (before or after completing). */
  nextStep: z.enum([...SETUP_STEPS, 'done']),
  fiscal: FiscalView.nullable(),
  branch: BranchView.nullable(),
  cashRegister: CashRegisterView.nullable(),
  productCount: z.int(),
});
export type SetupView = z.infer<typeof SetupView>;
