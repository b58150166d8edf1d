import { MAX_TENDERS, type PaymentMethod, type TenderInput } from '@smartket/shared';
import type { z } from 'zod';

// The tenders of one part: how much each pays, what is left, and the change — worked out the
// way the server checks them (Σ amounts = part + tip; cash hands over at least its amount).

export { MAX_TENDERS };

export interface TenderDraft {
  /** Stable for the screen's list. */
  key: number;
  method: PaymentMethod;
  /**
   * What it pays; null: "the rest" — whatever the other tenders leave, following the part and
   * the tip as they change. Only the last tender added takes the rest.
   */
  amountCents: number | null;
  /** Cash only: what the customer handed over; null when not typed (exact). */
  receivedCents: number | null;
  /** Card voucher, Yape/Plin operation or transfer number. */
  reference: string;
}

export interface ResolvedTender extends TenderDraft {
  /** What it pays, "the rest" worked out. */
  paysCents: number;
  /** Cash handed over beyond what it pays. */
  changeCents: number;
  /** Cash handed over is less than what it pays. */
  short: boolean;
}

export interface TenderSummary {
  tenders: ResolvedTender[];
  /** Σ what the tenders pay. */
  paidCents: number;
  /** What is still to pay (negative: the tenders pay more than is due). */
  leftCents: number;
  /** The change to hand back: only cash gives change. */
  changeCents: number;
  /** Every tender pays something, they add up to what is due, cash covers its amount — or nothing is due. */
  complete: boolean;
}

/** Works out "the rest", the change, and whether the tenders pay exactly `dueCents`. */
export function summarize(dueCents: number, drafts: readonly TenderDraft[]): TenderSummary {
  const fixed = drafts.reduce((sum, draft) => sum + (draft.amountCents ?? 0), 0);
  const tenders = drafts.map((draft): ResolvedTender => {
    const paysCents = draft.amountCents ?? Math.max(0, dueCents - fixed);
    const handed = draft.method === 'cash' ? draft.receivedCents : null;
    return {
      ...draft,
      paysCents,
      changeCents: handed !== null && handed > paysCents ? handed - paysCents : 0,
      short: handed !== null && handed < paysCents,
    };
  });
  const paidCents = tenders.reduce((sum, tender) => sum + tender.paysCents, 0);
  const leftCents = dueCents - paidCents;
  return {
    tenders,
    paidCents,
    leftCents,
    changeCents: tenders.reduce((sum, tender) => sum + tender.changeCents, 0),
    complete:
      dueCents === 0
        ? // A bill on the house closes without a tender; one left on screen simply pays nothing.
          tenders.every((tender) => tender.paysCents === 0)
        : tenders.length > 0 &&
          leftCents === 0 &&
          tenders.every((tender) => tender.paysCents > 0 && !tender.short),
  };
}

/**
 * Adds a tender of `method` that takes the rest. The tender that took the rest so far keeps
 * what it paid then, so two taps (Efectivo, then Yape) leave the cashier to say how much each.
 */
export function addTender(
  drafts: readonly TenderDraft[],
  method: PaymentMethod,
  dueCents: number,
  key: number,
): TenderDraft[] {
  if (drafts.length >= MAX_TENDERS) {
    return [...drafts];
  }
  const summary = summarize(dueCents, drafts);
  const settled = drafts.map((draft, index): TenderDraft =>
    draft.amountCents === null ? { ...draft, amountCents: summary.tenders[index]?.paysCents ?? 0 } : draft,
  );
  return [...settled, { key, method, amountCents: null, receivedCents: null, reference: '' }];
}

/**
 * Takes a tender away. When it was the one taking the rest, the last one left takes it instead,
 * so a single tender always pays whatever is due.
 */
export function removeTender(drafts: readonly TenderDraft[], key: number): TenderDraft[] {
  const removed = drafts.find((draft) => draft.key === key);
  const rest = drafts.filter((draft) => draft.key !== key);
  const last = rest.at(-1);
  if (!removed || !last || rest.some((draft) => draft.amountCents === null)) {
    return rest;
  }
  return [...rest.slice(0, -1), { ...last, amountCents: null }];
}

/** Quick amounts a customer hands over for `amountCents` in cash: the next S/ 10, S/ 50, S/ 100, S/ 200. */
export function quickBills(amountCents: number, count = 3): number[] {
  if (amountCents <= 0) {
    return [];
  }
  const rounded = [1000, 5000, 10000, 20000].map((step) => Math.ceil(amountCents / step) * step);
  return [...new Set(rounded)]
    .filter((value) => value > amountCents)
    .sort((a, b) => a - b)
    .slice(0, count);
}

/** The tenders as the charge sends them (a complete summary only). */
export function tenderInputs(summary: TenderSummary): z.input<typeof TenderInput>[] {
  return summary.tenders
    .filter((tender) => tender.paysCents > 0)
    .map((tender) => ({
      method: tender.method,
      amountCents: tender.paysCents,
      receivedCents: tender.method === 'cash' ? tender.receivedCents : null,
      reference: tender.method === 'cash' ? null : tender.reference.trim() || null,
    }));
}
