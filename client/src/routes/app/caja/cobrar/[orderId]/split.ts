import {
  equalPartAmount,
  equalParts,
  isOnTheHouse,
  lineUnitsAmount,
  MAX_SPLIT_PARTS,
  MIN_SPLIT_PARTS,
  type ChargePart,
  type CheckoutLineView,
  type CheckoutView,
} from '@smartket/shared';

// How the bill is split, and what the part being charged now costs — the shared rules the
// server charges by, so the amount on the button is the amount the server expects.

export type SplitMode = 'balance' | 'items' | 'equal';

/** Units picked per order item for a "por ítems" part. */
export type PickedUnits = Readonly<Record<string, number>>;

export interface SplitChoice {
  mode: SplitMode;
  /** "Por ítems": how many more units of each line this part pays. */
  units: PickedUnits;
  /** "Partes iguales": into how many parts (2–20). */
  parts: number;
}

export { MAX_SPLIT_PARTS, MIN_SPLIT_PARTS };

type Bill = Pick<CheckoutView, 'lines' | 'totalCents' | 'paidCents' | 'balanceCents' | 'split'>;

/** Units of a line not paid yet. */
export function unitsLeft(line: Pick<CheckoutLineView, 'quantity' | 'paidQuantity'>): number {
  return Math.max(0, line.quantity - line.paidQuantity);
}

/**
 * Which ways of splitting the bill are open: "todo" always; "por ítems" while no equal split
 * started; "partes iguales" before anything is paid, or once one started (same parts). A
 * cortesía is closed whole.
 */
export function splitModes(bill: Bill): Record<SplitMode, boolean> {
  const free = isOnTheHouse(bill);
  return {
    balance: true,
    items: bill.split === null && !free,
    equal: (bill.split !== null || bill.paidCents === 0) && !free,
  };
}

/** The choice the screen starts on: the equal split that already started, else the whole balance. */
export function initialChoice(bill: Bill): SplitChoice {
  if (bill.split) {
    return { mode: 'equal', units: {}, parts: bill.split.parts };
  }
  return { mode: 'balance', units: {}, parts: MIN_SPLIT_PARTS };
}

/**
 * The equal part charged now (0-based): the server's `split.next` once a split started — after a
 * void, the voided part again, wherever it sat — else the first; null when every part is paid.
 */
export function nextEqualIndex(bill: Bill): number | null {
  return bill.split ? bill.split.next : 0;
}

/** Into how many equal parts: fixed once the first was paid, else the cashier's choice within 2–20. */
export function equalPartsOf(bill: Bill, choice: SplitChoice): number {
  return bill.split?.parts ?? Math.min(MAX_SPLIT_PARTS, Math.max(MIN_SPLIT_PARTS, choice.parts));
}

/** Picked units, never more than a line has left (the order may have changed under the pick). */
export function pickedUnits(bill: Bill, units: PickedUnits): { line: CheckoutLineView; units: number }[] {
  return bill.lines.flatMap((line) => {
    const picked = Math.min(units[line.itemId] ?? 0, unitsLeft(line));
    return picked > 0 ? [{ line, units: picked }] : [];
  });
}

/**
 * What the part being charged costs, in céntimos (tip apart). Picked units cost what the server
 * charges for them (`lineUnitsAmount`): after a void, the last units of a line what is left of it.
 */
export function partAmount(bill: Bill, choice: SplitChoice): number {
  if (choice.mode === 'items') {
    return pickedUnits(bill, choice.units).reduce(
      (sum, { line, units }) => sum + lineUnitsAmount(line, units),
      0,
    );
  }
  if (choice.mode === 'equal') {
    const next = nextEqualIndex(bill);
    return next === null ? 0 : equalPartAmount(bill.totalCents, equalPartsOf(bill, choice), next);
  }
  return bill.balanceCents;
}

/** The equal parts of the bill, each with whether it is paid, charged now, or to come. */
export function equalPartsList(
  bill: Bill,
  choice: SplitChoice,
): { index: number; amountCents: number; state: 'paid' | 'now' | 'later' }[] {
  const paid = bill.split?.paidParts ?? [];
  const next = nextEqualIndex(bill);
  return equalParts(bill.totalCents, equalPartsOf(bill, choice)).map((amountCents, index) => ({
    index,
    amountCents,
    state: paid.includes(index) ? 'paid' : index === next ? 'now' : 'later',
  }));
}

/** The part as the charge names it, or null when nothing is picked (or nothing is left). */
export function chargePart(bill: Bill, choice: SplitChoice): ChargePart | null {
  if (choice.mode === 'items') {
    const items = pickedUnits(bill, choice.units).map(({ line, units }) => ({
      itemId: line.itemId,
      quantity: units,
    }));
    return items.length > 0 ? { kind: 'items', items } : null;
  }
  if (choice.mode === 'equal') {
    return nextEqualIndex(bill) === null ? null : { kind: 'equal', parts: equalPartsOf(bill, choice) };
  }
  return bill.balanceCents > 0 || isOnTheHouse(bill) ? { kind: 'balance' } : null;
}

/** Whether charging this part pays the order off (the screen then goes to the receipt). */
export function paysOff(bill: Bill, choice: SplitChoice): boolean {
  return partAmount(bill, choice) >= bill.balanceCents;
}

/** A tip of `percent` % of the part, rounded half up to the céntimo. */
export function percentTip(partCents: number, percent: number): number {
  return Math.floor((partCents * percent + 50) / 100);
}
