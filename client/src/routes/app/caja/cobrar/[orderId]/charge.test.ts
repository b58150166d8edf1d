import { ChargeInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { uuid } from '#lib/testing/fixtures.ts';
import { chargeBody, SaleKey } from './charge.ts';
import { addTender, summarize } from './tenders.ts';

describe('the sale id of a charge', () => {
  it('stays the same through double taps and retries, and changes only once a charge went through', () => {
    let made = 0;
    const key = new SaleKey(() => `sale-${++made}`);
    expect(key.current()).toBe('sale-1');
    expect(key.current()).toBe('sale-1');
    key.charged();
    expect(key.current()).toBe('sale-2');
    expect(made).toBe(2);
  });

  it('makes uuids by default', () => {
    expect(new SaleKey().current()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the charge sent', () => {
  const itemId = uuid();
  const checkout = {
    order: { version: 4 },
    lines: [
      {
        itemId,
        name: 'Mostrito',
        quantity: 2,
        unitPriceCents: 1590,
        grossCents: 3180,
        itemDiscountCents: 0,
        orderDiscountCents: 0,
        netCents: 3180,
        paidQuantity: 0,
        paidCents: 0,
      },
    ],
    totalCents: 3180,
    paidCents: 0,
    balanceCents: 3180,
    split: null,
  };

  it('names the part, the amount and the version the screen showed', () => {
    const choice = { mode: 'equal' as const, units: {}, parts: 2 };
    const tenders = summarize(
      1590 + 200,
      addTender([], 'cash', 1790, 1).map((tender) => ({ ...tender, receivedCents: 2000 })),
    );
    const body = chargeBody({
      saleId: uuid(),
      sessionId: uuid(),
      checkout,
      choice,
      tipCents: 200,
      receipt: { type: 'boleta', customerId: null },
      tenders,
    });
    expect(body).toMatchObject({
      expectedVersion: 4,
      expectedAmountCents: 1590,
      part: { kind: 'equal', parts: 2 },
      tipCents: 200,
      payments: [{ method: 'cash', amountCents: 1790, receivedCents: 2000, reference: null }],
    });
    expect(ChargeInput.safeParse(body).success).toBe(true);
  });

  it('is not sent while the tenders do not add up or nothing is picked', () => {
    const draft = {
      saleId: uuid(),
      sessionId: uuid(),
      checkout,
      tipCents: 0,
      receipt: { type: 'boleta' as const, customerId: null },
    };
    const short = summarize(3180, [
      { key: 1, method: 'card' as const, amountCents: 3000, receivedCents: null, reference: '' },
    ]);
    expect(
      chargeBody({ ...draft, choice: { mode: 'balance', units: {}, parts: 2 }, tenders: short }),
    ).toBeNull();
    const full = summarize(3180, addTender([], 'card', 3180, 1));
    expect(
      chargeBody({ ...draft, choice: { mode: 'items', units: {}, parts: 2 }, tenders: full }),
    ).toBeNull();
  });
});
