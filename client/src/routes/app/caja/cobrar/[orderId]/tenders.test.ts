import { ChargeInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { uuid } from '#lib/testing/fixtures.ts';
import {
  addTender,
  MAX_TENDERS,
  quickBills,
  removeTender,
  summarize,
  tenderInputs,
  type TenderDraft,
} from './tenders.ts';

describe('tenders', () => {
  it('lets one tender pay whatever is due, following the tip as it changes', () => {
    const tenders = addTender([], 'yape', 4750, 1);
    expect(summarize(4750, tenders)).toMatchObject({ paidCents: 4750, leftCents: 0, complete: true });
    expect(summarize(5225, tenders)).toMatchObject({ paidCents: 5225, leftCents: 0, complete: true });
    expect(summarize(4750, []).complete).toBe(false);
  });

  it('closes a bill on the house without a tender: one left on screen pays nothing and is not sent', () => {
    const tenders = addTender([], 'cash', 0, 1);
    const free = summarize(0, tenders);
    expect(free.complete).toBe(true);
    expect(tenderInputs(free)).toEqual([]);
    expect(summarize(0, []).complete).toBe(true);
    expect(
      summarize(0, [{ key: 2, method: 'yape', amountCents: 500, receivedCents: null, reference: '' }])
        .complete,
    ).toBe(false);
  });

  it('gives change from cash only, and refuses cash that does not cover its amount', () => {
    const cash: TenderDraft = {
      key: 1,
      method: 'cash',
      amountCents: null,
      receivedCents: 10000,
      reference: '',
    };
    expect(summarize(4750, [cash])).toMatchObject({ changeCents: 5250, complete: true });
    const short = summarize(4750, [{ ...cash, receivedCents: 4000 }]);
    expect(short.complete).toBe(false);
    expect(short.tenders[0]?.short).toBe(true);
    // Not typed: handed over exactly.
    expect(summarize(4750, [{ ...cash, receivedCents: null }])).toMatchObject({
      changeCents: 0,
      complete: true,
    });
    // A card never gives change, whatever was left in its box.
    expect(summarize(4750, [{ ...cash, method: 'card' }])).toMatchObject({ changeCents: 0, complete: true });
  });

  it('splits a part over cash and Yape: the new tender takes the rest of what the first does not pay', () => {
    let tenders = addTender([], 'cash', 5000, 1);
    tenders = addTender(tenders, 'yape', 5000, 2);
    // Tapped one after the other: cash still pays everything, Yape nothing — not ready.
    expect(summarize(5000, tenders)).toMatchObject({ leftCents: 0, complete: false });
    tenders = tenders.map((tender) =>
      tender.key === 1 ? { ...tender, amountCents: 3000, receivedCents: 5000 } : tender,
    );
    const summary = summarize(5000, tenders);
    expect(summary.tenders.map((tender) => tender.paysCents)).toEqual([3000, 2000]);
    expect(summary).toMatchObject({ complete: true, changeCents: 2000 });
  });

  it('says what is left, or how much too much, when no tender takes the rest', () => {
    const fixed: TenderDraft[] = [
      { key: 1, method: 'card', amountCents: 3000, receivedCents: null, reference: '' },
    ];
    expect(summarize(5000, fixed)).toMatchObject({ leftCents: 2000, complete: false });
    expect(summarize(2500, fixed)).toMatchObject({ leftCents: -500, complete: false });
  });

  it('hands the rest to the last tender when the one taking it goes', () => {
    let tenders = addTender([], 'cash', 5000, 1);
    tenders = tenders.map((tender) => ({ ...tender, amountCents: 1000 }));
    tenders = addTender(tenders, 'plin', 5000, 2);
    const left = removeTender(tenders, 2);
    expect(left).toEqual([{ key: 1, method: 'cash', amountCents: null, receivedCents: null, reference: '' }]);
    expect(summarize(5000, left).complete).toBe(true);
    expect(removeTender(left, 1)).toEqual([]);
  });

  it('takes at most five tenders', () => {
    let tenders: TenderDraft[] = [];
    for (let key = 0; key < MAX_TENDERS + 2; key += 1) {
      tenders = addTender(tenders, 'card', 10000, key);
    }
    expect(tenders).toHaveLength(MAX_TENDERS);
  });

  it('offers the bills a customer hands over', () => {
    expect(quickBills(4750)).toEqual([5000, 10000, 20000]);
    expect(quickBills(1230)).toEqual([2000, 5000, 10000]);
    expect(quickBills(13000)).toEqual([15000, 20000]);
    expect(quickBills(5000)).toEqual([10000, 20000]);
    expect(quickBills(0)).toEqual([]);
  });

  it('sends tenders the shared charge schema accepts', () => {
    let tenders = addTender([], 'cash', 5500, 1);
    tenders = tenders.map((tender) => ({ ...tender, amountCents: 3000, receivedCents: 5000 }));
    tenders = addTender(tenders, 'yape', 5500, 2).map((tender) =>
      tender.key === 2 ? { ...tender, reference: ' 123456 ' } : tender,
    );
    const payments = tenderInputs(summarize(5500, tenders));
    expect(payments).toEqual([
      { method: 'cash', amountCents: 3000, receivedCents: 5000, reference: null },
      { method: 'yape', amountCents: 2500, receivedCents: null, reference: '123456' },
    ]);
    const parsed = ChargeInput.safeParse({
      id: uuid(),
      sessionId: uuid(),
      expectedVersion: 3,
      expectedAmountCents: 5000,
      tipCents: 500,
      part: { kind: 'balance' },
      receipt: { type: 'boleta' },
      payments,
    });
    expect(parsed.success).toBe(true);
  });
});
