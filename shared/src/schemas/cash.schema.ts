import { z } from 'zod';
import { CASH_MOVEMENT_KINDS, CASH_SESSION_STATUSES, PAYMENT_METHODS } from '../enums.ts';
import { CashRegisterView } from './branch.schema.ts';

/** The most a drawer holds, counted or moved in one go: S/ 999,999.99. */
export const MAX_CASH_CENTS = 99_999_999;
const CashCents = z.int().min(0).max(MAX_CASH_CENTS);

/** Who opened, closed or moved cash: a cashier's name, or an owner's or admin's e-mail. */
const ActorName = z.string();

/** `POST /api/tenant/cash-sessions`: open a register with the float in the drawer. The id is the device's. */
export const CashSessionOpenInput = z.strictObject({
  id: z.uuid(),
  registerId: z.uuid(),
  openingFloatCents: CashCents,
});
export type CashSessionOpenInput = z.infer<typeof CashSessionOpenInput>;

/** `POST /api/tenant/cash-sessions/:id/movements`: "compra de carbón", "sencillo del banco". */
export const CashMovementInput = z.strictObject({
  id: z.uuid(),
  kind: z.enum(CASH_MOVEMENT_KINDS),
  amountCents: CashCents.min(1),
  reason: z.string().trim().min(3).max(140),
});
export type CashMovementInput = z.infer<typeof CashMovementInput>;

/** Peruvian bills and coins, in céntimos: how a cashier counts the drawer. */
export const CASH_DENOMINATIONS = [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10] as const;

export const DenominationCount = z.strictObject({
  valueCents: z.union(CASH_DENOMINATIONS.map((value) => z.literal(value))),
  count: z.int().min(0).max(100_000),
});
export type DenominationCount = z.infer<typeof DenominationCount>;

/**
 * `POST /api/tenant/cash-sessions/:id/close`: the cash counted. With denominations, the counted
 * amount must be their sum (the screen adds them up; the server checks).
 */
export const CashCloseInput = z
  .strictObject({
    countedCents: CashCents,
    denominations: z.array(DenominationCount).max(CASH_DENOMINATIONS.length).nullable().default(null),
    note: z
      .string()
      .trim()
      .max(200)
      .transform((value) => value || null)
      .nullable()
      .default(null),
  })
  .superRefine((close, context) => {
    if (!close.denominations) {
      return;
    }
    const values = close.denominations.map((entry) => entry.valueCents);
    if (new Set(values).size !== values.length) {
      context.addIssue({ code: 'custom', path: ['denominations'], message: 'Each bill or coin once' });
      return;
    }
    const sum = close.denominations.reduce((total, entry) => total + entry.valueCents * entry.count, 0);
    if (sum !== close.countedCents) {
      context.addIssue({
        code: 'custom',
        path: ['countedCents'],
        message: `The bills and coins add up to ${sum}`,
        params: { code: 'denominations_mismatch', sumCents: sum },
      });
    }
  });
export type CashCloseInput = z.infer<typeof CashCloseInput>;

export const CashMovementView = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  kind: z.enum(CASH_MOVEMENT_KINDS),
  amountCents: z.int(),
  reason: z.string(),
  byName: ActorName,
  createdAt: z.iso.datetime(),
});
export type CashMovementView = z.infer<typeof CashMovementView>;

export const CashSessionView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  registerId: z.uuid(),
  registerName: z.string(),
  status: z.enum(CASH_SESSION_STATUSES),
  openingFloatCents: z.int(),
  openedByName: ActorName,
  openedAt: z.iso.datetime(),
  closedByName: ActorName.nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** Cash that should be in the drawer now (open) or at the close. */
  expectedCents: z.int(),
  countedCents: z.int().nullable(),
  /** Counted − expected: negative when cash is missing. */
  differenceCents: z.int().nullable(),
});
export type CashSessionView = z.infer<typeof CashSessionView>;

/** `GET /api/tenant/branches/:id/cash-registers/current`: each active register and its open session. */
export const RegisterStateView = z.object({
  register: CashRegisterView,
  session: CashSessionView.nullable(),
});
export type RegisterStateView = z.infer<typeof RegisterStateView>;

/** `GET /api/tenant/branches/:id/cash-sessions`. */
export const CashSessionListQuery = z.strictObject({
  status: z.enum(CASH_SESSION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type CashSessionListQuery = z.infer<typeof CashSessionListQuery>;

export const MethodTotalView = z.object({
  method: z.enum(PAYMENT_METHODS),
  /** What this method paid of the sales (tips included), cash net of change. */
  amountCents: z.int(),
  count: z.int(),
});
export type MethodTotalView = z.infer<typeof MethodTotalView>;

/**
 * The closing report (Z) of a session, also while it is open (an X report): sales by method,
 * voids, discounts, tips and movements, and the cash expected against the cash counted.
 */
export const CashReportView = z.object({
  session: CashSessionView,
  salesCount: z.int(),
  /** Σ totals of the completed sales (tips apart). */
  salesCents: z.int(),
  taxableCents: z.int(),
  igvCents: z.int(),
  discountCents: z.int(),
  tipCents: z.int(),
  byMethod: z.array(MethodTotalView),
  voided: z.object({
    count: z.int(),
    amountCents: z.int(),
    sales: z.array(
      z.object({
        id: z.uuid(),
        receipt: z.string(),
        totalCents: z.int(),
        reason: z.string(),
        voidedByName: z.string(),
        voidedAt: z.iso.datetime(),
      }),
    ),
  }),
  movements: z.array(CashMovementView),
  movementsInCents: z.int(),
  movementsOutCents: z.int(),
  /** Σ cash tenders of the completed sales, net of the change given. */
  cashSalesCents: z.int(),
  expectedCents: z.int(),
  countedCents: z.int().nullable(),
  differenceCents: z.int().nullable(),
  denominations: z.array(DenominationCount).nullable(),
  note: z.string().nullable(),
});
export type CashReportView = z.infer<typeof CashReportView>;
