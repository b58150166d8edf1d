import { z } from 'zod';
import {
  CUSTOMER_DOC_TYPES,
  PAYMENT_METHODS,
  RECEIPT_TYPES,
  SALE_PART_KINDS,
  SALE_STATUSES,
} from '../enums.ts';
import { MAX_PRICE_CENTS } from '../money.ts';
import { CalendarDay } from '../validations.ts';
import { MAX_ITEM_QUANTITY, OrderView } from './order.schema.ts';

/** The most one part of a bill, or one tender, may be: S/ 99,999.99. */
export const MAX_CHARGE_CENTS = MAX_PRICE_CENTS;
export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 20;
export const MAX_TENDERS = 5;

/** Which part of the bill a charge pays. */
export const ChargePart = z.discriminatedUnion('kind', [
  /** Everything still owed. */
  z.strictObject({ kind: z.literal('balance') }),
  /** Some units of some lines ("lo de ella: el 1/4 y la chicha"). */
  z.strictObject({
    kind: z.literal('items'),
    items: z
      .array(z.strictObject({ itemId: z.uuid(), quantity: z.int().min(1).max(MAX_ITEM_QUANTITY) }))
      .min(1)
      .max(200),
  }),
  /** The next of `parts` equal parts; the first one fixes the split. */
  z.strictObject({ kind: z.literal('equal'), parts: z.int().min(MIN_SPLIT_PARTS).max(MAX_SPLIT_PARTS) }),
]);
export type ChargePart = z.infer<typeof ChargePart>;

export const TenderInput = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  /** What this tender pays of the part and the tip. */
  amountCents: z.int().min(1).max(MAX_CHARGE_CENTS),
  /** Cash only: what the customer handed over (the change is the difference). */
  receivedCents: z
    .int()
    .min(1)
    .max(MAX_CHARGE_CENTS * 10)
    .nullable()
    .default(null),
  /** Card voucher, Yape/Plin operation or transfer number. */
  reference: z
    .string()
    .trim()
    .max(40)
    .transform((value) => value || null)
    .nullable()
    .default(null),
});
export type TenderInput = z.infer<typeof TenderInput>;

/**
 * `POST /api/tenant/orders/:id/charges`: charge one part of an order. The id is the sale's,
 * made by the cashier's screen once per "Cobrar" and kept across retries, so a double click or
 * a retry charges once. `expectedAmountCents` and `expectedVersion` are what the screen showed:
 * when the order changed meanwhile the charge is refused (409 ORDER_CHANGED).
 */
export const ChargeInput = z
  .strictObject({
    id: z.uuid(),
    sessionId: z.uuid(),
    expectedVersion: z.int().min(1),
    expectedAmountCents: z.int().min(0).max(MAX_CHARGE_CENTS),
    part: ChargePart,
    tipCents: z.int().min(0).max(MAX_CHARGE_CENTS).default(0),
    receipt: z.strictObject({
      type: z.enum(RECEIPT_TYPES),
      customerId: z.uuid().nullable().default(null),
    }),
    /** None only for a bill on the house (a cortesía: the part and tip add up to nothing). */
    payments: z.array(TenderInput).max(MAX_TENDERS),
  })
  .superRefine((charge, context) => {
    charge.payments.forEach((tender, index) => {
      if (tender.method !== 'cash' && tender.receivedCents !== null) {
        context.addIssue({
          code: 'custom',
          path: ['payments', index, 'receivedCents'],
          message: 'Only cash is handed over and given change',
        });
      }
      if (
        tender.method === 'cash' &&
        tender.receivedCents !== null &&
        tender.receivedCents < tender.amountCents
      ) {
        context.addIssue({
          code: 'too_small',
          origin: 'number',
          minimum: tender.amountCents,
          inclusive: true,
          path: ['payments', index, 'receivedCents'],
          message: 'Less than the amount it pays',
        });
      }
    });
    const paid = charge.payments.reduce((sum, tender) => sum + tender.amountCents, 0);
    if (paid !== charge.expectedAmountCents + charge.tipCents) {
      context.addIssue({
        code: 'custom',
        path: ['payments'],
        message: `The tenders add up to ${paid}, the part and tip to ${charge.expectedAmountCents + charge.tipCents}`,
        params: { code: 'payments_mismatch' },
      });
    }
  });
export type ChargeInput = z.infer<typeof ChargeInput>;

/**
 * `POST /api/tenant/sales/:id/void`: needs `sales.void`, and says why.
 * - `chargeAgain` (default true): a canje — the consumption is owed again, to be charged on
 *   another receipt. False for a refund: a closed order's consumption is written off, it owes
 *   nothing for it (a live order still pays its whole bill).
 * - `cashSessionId`: the open session of the branch whose drawer gives back the cash of a sale
 *   whose session already closed — the till the cashier stands at. Left out, the sale's own
 *   register's open session. Ignored when the void gives no cash back.
 */
export const SaleVoidInput = z.strictObject({
  reason: z.string().trim().min(3).max(140),
  chargeAgain: z.boolean().default(true),
  cashSessionId: z.uuid().optional(),
});
export type SaleVoidInput = z.infer<typeof SaleVoidInput>;

/** `GET /api/tenant/branches/:id/sales?day=YYYY-MM-DD` (the branch's day; today when left out). */
export const SalesQuery = z.strictObject({ day: CalendarDay.optional() });
export type SalesQuery = z.infer<typeof SalesQuery>;

export const SaleLineView = z.object({
  orderItemId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.int(),
  unitPriceCents: z.int(),
  discountCents: z.int(),
  amountCents: z.int(),
});
export type SaleLineView = z.infer<typeof SaleLineView>;

export const SalePaymentView = z.object({
  method: z.enum(PAYMENT_METHODS),
  amountCents: z.int(),
  receivedCents: z.int().nullable(),
  changeCents: z.int(),
  reference: z.string().nullable(),
});
export type SalePaymentView = z.infer<typeof SalePaymentView>;

/** What the receipt's head prints: the business, its RUC or "boleta simple", the branch. */
export const ReceiptHeaderView = z.object({
  businessName: z.string(),
  legalName: z.string().nullable(),
  /** Null when the business sells with simple receipts, without RUC. */
  ruc: z.string().nullable(),
  fiscalAddress: z.string().nullable(),
  branchName: z.string(),
  branchAddress: z.string().nullable(),
});
export type ReceiptHeaderView = z.infer<typeof ReceiptHeaderView>;

export const SaleView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  orderId: z.uuid(),
  /** "Mesa 4", "Llevar #12". */
  orderLabel: z.string(),
  sessionId: z.uuid(),
  receiptType: z.enum(RECEIPT_TYPES),
  series: z.string(),
  number: z.int(),
  /** "B001-00000042". */
  receipt: z.string(),
  customer: z
    .object({
      docType: z.enum(CUSTOMER_DOC_TYPES).nullable(),
      docNumber: z.string().nullable(),
      name: z.string(),
      address: z.string().nullable(),
    })
    .nullable(),
  part: z.object({ kind: z.enum(SALE_PART_KINDS), index: z.int().nullable(), count: z.int().nullable() }),
  lines: z.array(SaleLineView),
  subtotalCents: z.int(),
  discountCents: z.int(),
  totalCents: z.int(),
  taxableCents: z.int(),
  igvCents: z.int(),
  tipCents: z.int(),
  changeCents: z.int(),
  payments: z.array(SalePaymentView),
  status: z.enum(SALE_STATUSES),
  voidReason: z.string().nullable(),
  voidedAt: z.iso.datetime().nullable(),
  voidedByName: z.string().nullable(),
  chargedByName: z.string(),
  createdAt: z.iso.datetime(),
  header: ReceiptHeaderView,
  /**
   * What the sale's order owes now (its total less what its completed sales paid) while it can
   * still be charged: on the floor, or closed and owing again after a sale of it was voided. 0
   * once paid off, and for an order cancelled or merged. On a voided sale, above 0 means "Cobrar
   * de nuevo": the consumption waits for its new receipt.
   */
  orderBalanceCents: z.int(),
  /**
   * The cash its void hands back out of the drawer open then, by a cash movement out of that
   * session: its cash tenders (tip included, change apart) when its session had closed before the
   * void — counted in that session's drawer, so it leaves today's. On a completed sale, what a
   * void now would take; on a voided one, what it took. 0 while its session is open (the void
   * leaves its cash out of that drawer's expected cash), and for a sale without cash.
   */
  cashBackCents: z.int(),
  /**
   * Voided as a refund of a closed order: its consumption was written off, not owed again — no
   * "Cobrar de nuevo" for it. False otherwise.
   */
  refunded: z.boolean(),
});
export type SaleView = z.infer<typeof SaleView>;

/** A line of the bill at checkout: what is left of it to charge. */
export const CheckoutLineView = z.object({
  itemId: z.uuid(),
  name: z.string(),
  quantity: z.int(),
  unitPriceCents: z.int(),
  grossCents: z.int(),
  itemDiscountCents: z.int(),
  orderDiscountCents: z.int(),
  netCents: z.int(),
  /** Units its completed sales paid. */
  paidQuantity: z.int(),
  /**
   * What its completed sales paid of it. The units left cost `lineUnitsAmount`: after a void the
   * last of them cost exactly the net less this, so the line adds up to its net.
   */
  paidCents: z.int(),
});
export type CheckoutLineView = z.infer<typeof CheckoutLineView>;

/**
 * `GET /api/tenant/orders/:id/checkout`: an order as the cashier charges it — priced, what is
 * paid and what is left, its split, and the sales so far.
 */
export const CheckoutView = z.object({
  order: OrderView,
  lines: z.array(CheckoutLineView),
  subtotalCents: z.int(),
  discountCents: z.int(),
  totalCents: z.int(),
  paidCents: z.int(),
  balanceCents: z.int(),
  /**
   * Set once an equal split started: how many parts, how many are paid, which ones (0-based,
   * ascending) and the one a charge of `equal` pays now — the first not paid, so after a void it
   * is the voided part again, whatever its place (null when every part is paid).
   */
  split: z
    .object({ parts: z.int(), paid: z.int(), paidParts: z.array(z.int()), next: z.int().nullable() })
    .nullable(),
  sales: z.array(SaleView),
  /** The business as its receipts will print it: without a RUC (`ruc` null) it issues no factura. */
  header: ReceiptHeaderView,
});
export type CheckoutView = z.infer<typeof CheckoutView>;
