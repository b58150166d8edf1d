import type { CheckoutView, ReceiptType } from '@smartket/shared';
import type { Charge } from '#lib/api/sales.ts';
import { chargePart, partAmount, type SplitChoice } from './split.ts';
import { tenderInputs, type TenderSummary } from './tenders.ts';

/**
 * The sale id of one "Cobrar": made on the first tap and kept through double taps, retries and
 * lost answers, so the server charges it once; a new one only once that charge went through.
 */
export class SaleKey {
  #id: string | null = null;
  readonly #make: () => string;

  constructor(make: () => string = () => crypto.randomUUID()) {
    this.#make = make;
  }

  /** The id of the charge being attempted (made now when there is none). */
  current(): string {
    this.#id ??= this.#make();
    return this.#id;
  }

  /** The charge went through: the next part is another sale. */
  charged(): void {
    this.#id = null;
  }
}

export interface ChargeDraft {
  saleId: string;
  sessionId: string;
  checkout: Pick<CheckoutView, 'lines' | 'totalCents' | 'paidCents' | 'balanceCents' | 'split'> & {
    order: Pick<CheckoutView['order'], 'version'>;
  };
  choice: SplitChoice;
  tipCents: number;
  receipt: { type: ReceiptType; customerId: string | null };
  tenders: TenderSummary;
}

/**
 * The charge for the part on screen, or null while it cannot be sent (nothing picked, tenders
 * that do not add up). The amount and version are what the screen shows: if the order changed
 * meanwhile, the server refuses it rather than charge something else.
 */
export function chargeBody(draft: ChargeDraft): Charge | null {
  const part = chargePart(draft.checkout, draft.choice);
  if (!part || !draft.tenders.complete) {
    return null;
  }
  return {
    id: draft.saleId,
    sessionId: draft.sessionId,
    expectedVersion: draft.checkout.order.version,
    expectedAmountCents: partAmount(draft.checkout, draft.choice),
    part,
    tipCents: draft.tipCents,
    receipt: draft.receipt,
    payments: tenderInputs(draft.tenders),
  };
}
