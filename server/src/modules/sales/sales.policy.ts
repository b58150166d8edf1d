import {
  equalPartAmount,
  lineUnitsAmount,
  type CashSessionStatus,
  type ChargePart,
  type CheckoutLineView,
  type FieldIssue,
  type OrderStatus,
  type PaymentMethod,
  type ReceiptType,
  type SaleStatus,
  type TenderInput,
} from '@smartket/shared';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Customer } from '../customers/customer.entity.ts';
import { isLive } from '../orders/orders.policy.ts';
import type { FiscalProfile } from '../setup/setup.service.ts';

/**
 * The rules of charging, without the database: which lines and amount a part of the bill is,
 * what each tender gives back, which receipts a business and a customer may get, and the
 * series a branch numbers them in. The service feeds them what it read with the order locked.
 */

/** An order at the till: its priced lines with what is paid of each, and what is paid overall. */
export interface CheckoutState {
  lines: CheckoutLineView[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  paidCents: number;
  /** Set once an equal split started. */
  splitParts: number | null;
  /**
   * Which equal parts (0-based) completed sales paid, ascending: after a void the part it paid
   * is owed again, and it is the next one charged.
   */
  paidEqualParts: readonly number[];
  /** Σ discount of completed sales: what the parts charged so far carried of the bill's discount. */
  discountChargedCents: number;
  /** Σ total of its sales voided as refunds: written off, never owed again. */
  writtenOffCents: number;
}

/** One line of the receipt a charge makes. */
export interface ChargedLine {
  orderItemId: string | null;
  description: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  amountCents: number;
}

/** What one charge pays of the bill: its lines, amount, and the part it is. */
export interface ChargedPart {
  kind: ChargePart['kind'];
  index: number | null;
  count: number | null;
  lines: ChargedLine[];
  subtotalCents: number;
  discountCents: number;
  amountCents: number;
}

/** What is still owed: the total less what is paid and what refunds wrote off. */
export function balanceOf(state: CheckoutState): number {
  return state.totalCents - state.paidCents - state.writtenOffCents;
}

/**
 * Refuses a charge of an order that cannot take one: 409 ORDER_CLOSED. An order on the floor can;
 * so can a closed one that owes again because a sale of it was voided (the canje: the same
 * consumption charged on another receipt). A closed order owing nothing, a cancelled or merged
 * one, cannot.
 */
export function assertChargeable(
  order: { id: string; status: OrderStatus; mergedIntoId?: string | null },
  balanceCents: number,
): void {
  if (isLive(order) || (order.status === 'closed' && balanceCents > 0)) {
    return;
  }
  throw new AppError('ORDER_CLOSED', 409, `The order is ${order.status} and owes nothing`, {
    details: {
      orderId: order.id,
      status: order.status,
      mergedIntoId: order.mergedIntoId ?? null,
      balanceCents,
    },
  });
}

/** The equal part charged next: the first one no completed sale paid (a voided one's, after a void). */
export function nextEqualPartIndex(parts: number, paid: readonly number[]): number | null {
  for (let index = 0; index < parts; index += 1) {
    if (!paid.includes(index)) {
      return index;
    }
  }
  return null;
}

/**
 * The lines and amount of `part` of the bill in `state`:
 * - `balance`: every unit not paid yet — or, with an equal split on, one "Por consumo" line for
 *   what is left;
 * - `items`: those units of those lines, worth `lineUnitsAmount`, so a line's units always add
 *   up to its net, after a void too (422 naming `part.items.N.*` for an unknown item or more than
 *   is left; 409 CONFLICT once an equal split is on);
 * - `equal`: the next of `parts` equal parts of the total (`equalPartAmount`), which the first one
 *   fixes; it can only start while nothing is paid (409 CONFLICT otherwise).
 */
export function chargePart(state: CheckoutState, part: ChargePart): ChargedPart {
  switch (part.kind) {
    case 'balance':
      return state.splitParts === null ? remainingUnits(state) : remainingConsumption(state);
    case 'items':
      return chosenUnits(state, part.items);
    case 'equal':
      return nextEqualPart(state, part.parts);
  }
}

function remainingUnits(state: CheckoutState): ChargedPart {
  const lines = state.lines.flatMap((line) => {
    const units = line.quantity - line.paidQuantity;
    return units > 0 ? [unitsOf(line, units)] : [];
  });
  return itemsPart('balance', lines);
}

function remainingConsumption(state: CheckoutState): ChargedPart {
  const amountCents = balanceOf(state);
  const discountCents = Math.max(0, state.discountCents - state.discountChargedCents);
  return {
    kind: 'balance',
    index: null,
    count: null,
    lines: [consumptionLine('Por consumo', amountCents, discountCents)],
    subtotalCents: amountCents + discountCents,
    discountCents,
    amountCents,
  };
}

function chosenUnits(
  state: CheckoutState,
  wanted: readonly { itemId: string; quantity: number }[],
): ChargedPart {
  if (state.splitParts !== null) {
    throw new AppError('CONFLICT', 409, 'This bill is split in equal parts', {
      details: { splitParts: state.splitParts },
    });
  }
  const byItem = new Map(state.lines.map((line) => [line.itemId, line]));
  const fields: Record<string, FieldIssue> = {};
  const seen = new Set<string>();
  const lines: ChargedLine[] = [];
  wanted.forEach(({ itemId, quantity }, index) => {
    const line = byItem.get(itemId);
    if (!line) {
      fields[`part.items.${index}.itemId`] = {
        code: 'unknown_reference',
        message: 'No such item on this bill',
      };
      return;
    }
    if (seen.has(itemId)) {
      fields[`part.items.${index}.itemId`] = { code: 'duplicate', message: 'This item is named twice' };
      return;
    }
    seen.add(itemId);
    const left = line.quantity - line.paidQuantity;
    if (quantity > left) {
      fields[`part.items.${index}.quantity`] = {
        code: 'more_than_left',
        message: `Only ${left} left to pay`,
        params: { left },
      };
      return;
    }
    lines.push(unitsOf(line, quantity));
  });
  const names = Object.keys(fields);
  if (names.length > 0) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${names.join(', ')}`, { fields });
  }
  return itemsPart('items', lines);
}

function nextEqualPart(state: CheckoutState, parts: number): ChargedPart {
  if (state.splitParts === null && state.paidCents > 0) {
    throw new AppError('CONFLICT', 409, 'Part of this bill is already paid by items', {
      details: { paidCents: state.paidCents },
    });
  }
  if (state.splitParts !== null && state.splitParts !== parts) {
    throw new AppError('CONFLICT', 409, `This bill is split in ${state.splitParts} parts`, {
      details: { splitParts: state.splitParts },
    });
  }
  const index = nextEqualPartIndex(parts, state.paidEqualParts);
  if (index === null) {
    throw new AppError('CONFLICT', 409, 'Every part of this bill is paid', {
      details: { splitParts: parts },
    });
  }
  const amountCents = equalPartAmount(state.totalCents, parts, index);
  const discountCents = equalPartAmount(state.discountCents, parts, index);
  return {
    kind: 'equal',
    index,
    count: parts,
    lines: [consumptionLine(`Por consumo (parte ${index + 1} de ${parts})`, amountCents, discountCents)],
    subtotalCents: amountCents + discountCents,
    discountCents,
    amountCents,
  };
}

/**
 * `units` more units of a line: their share of its net (the last ones, what is left of it), the
 * rest of their price its discount.
 */
function unitsOf(line: CheckoutLineView, units: number): ChargedLine {
  const amountCents = lineUnitsAmount(line, units);
  return {
    orderItemId: line.itemId,
    description: line.name,
    quantity: units,
    unitPriceCents: line.unitPriceCents,
    discountCents: line.unitPriceCents * units - amountCents,
    amountCents,
  };
}

/** One line for a share of the whole bill: its share of the price, and of the discount. */
function consumptionLine(description: string, amountCents: number, discountCents: number): ChargedLine {
  return {
    orderItemId: null,
    description,
    quantity: 1,
    unitPriceCents: amountCents + discountCents,
    discountCents,
    amountCents,
  };
}

function itemsPart(kind: 'balance' | 'items', lines: ChargedLine[]): ChargedPart {
  const amountCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const discountCents = lines.reduce((sum, line) => sum + line.discountCents, 0);
  return {
    kind,
    index: null,
    count: null,
    lines,
    subtotalCents: amountCents + discountCents,
    discountCents,
    amountCents,
  };
}

/** How an order's line reads on the bill: "1/4 Pollo a la brasa (Pierna, Papas extra)". */
export function lineDescription(item: { name: string; options: readonly { name: string }[] }): string {
  const options = item.options.map((option) => option.name).join(', ');
  return (options ? `${item.name} (${options})` : item.name).slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// Tenders

/** A tender as the sale keeps it: cash hands back what was given over the amount it pays. */
export interface TenderRow extends TenderInput {
  changeCents: number;
}

/**
 * The tenders of a charge with their change. They must add up to the part and the tip exactly
 * (422 on `payments`, `payments_mismatch`); only cash gives change.
 */
export function tendersFor(
  payments: readonly TenderInput[],
  amountCents: number,
  tipCents: number,
): TenderRow[] {
  const paid = payments.reduce((sum, tender) => sum + tender.amountCents, 0);
  if (paid !== amountCents + tipCents) {
    throw fieldError(
      'payments',
      'payments_mismatch',
      `The tenders add up to ${paid}, not ${amountCents + tipCents}`,
    );
  }
  return payments.map((tender) => ({
    ...tender,
    changeCents:
      tender.method === 'cash' && tender.receivedCents !== null
        ? tender.receivedCents - tender.amountCents
        : 0,
  }));
}

/**
 * The cash a sale left in its session's drawer: what its cash tenders paid of the bill and the
 * tip (the change went straight back). What a till counts as that sale's cash sales.
 */
export function cashTakenCents(payments: readonly { method: PaymentMethod; amountCents: number }[]): number {
  return payments.reduce((sum, tender) => sum + (tender.method === 'cash' ? tender.amountCents : 0), 0);
}

/**
 * The cash a void of the sale hands back through a movement out of a drawer open then: its cash
 * when the void found its session closed (`voidedAfterClose`; for a completed sale, when its
 * session is closed now), since that drawer was counted with it. 0 when the void found its
 * session open — the sale just leaves that drawer's expected cash — and for a sale that took no
 * cash.
 */
export function cashBackCents(
  sale: { status: SaleStatus; voidedAfterClose: boolean },
  session: { status: CashSessionStatus } | undefined,
  payments: readonly { method: PaymentMethod; amountCents: number }[],
): number {
  const givesBack = sale.status === 'completed' ? session?.status === 'closed' : sale.voidedAfterClose;
  return givesBack ? cashTakenCents(payments) : 0;
}

// ---------------------------------------------------------------------------------------------
// Receipts

/**
 * Refuses a receipt the business or the customer cannot have: a factura needs a business that
 * sells with a RUC (422 `receipt.type`, `factura_needs_ruc`) and a customer with a RUC (422
 * `receipt.customerId`, `ruc_required`). A boleta or nota de venta takes any customer, or none.
 */
export function assertReceiptAllowed(
  type: ReceiptType,
  fiscal: FiscalProfile | null,
  customer: Customer | null,
): void {
  if (type !== 'factura') {
    return;
  }
  if (fiscal?.taxMode !== 'ruc') {
    throw fieldError('receipt.type', 'factura_needs_ruc', 'A business without a RUC cannot issue facturas');
  }
  if (customer?.docType !== 'ruc') {
    throw fieldError('receipt.customerId', 'ruc_required', 'A factura is made out to a customer with a RUC');
  }
}

const SERIES_LETTERS: Record<ReceiptType, string> = { boleta: 'B', factura: 'F', nota_venta: 'NV' };

/**
 * The prefix of the `ordinal`-th series of a receipt type in the business (1 for its first
 * branch to use it): B001, F001, NV01, then B002… Four characters, as SUNAT's series are.
 */
export function seriesPrefix(type: ReceiptType, ordinal: number): string {
  const letters = SERIES_LETTERS[type];
  const digits = 4 - letters.length;
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal >= 10 ** digits) {
    throw new RangeError(`No ${type} series number ${ordinal}`);
  }
  return `${letters}${String(ordinal).padStart(digits, '0')}`;
}

/** "B001-00000042": a receipt's series and correlative as it is printed. */
export function receiptNumber(series: string, number: number): string {
  return `${series}-${String(number).padStart(8, '0')}`;
}
