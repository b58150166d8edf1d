import { describe, expect, it } from 'vitest';
import { TolerantCatchUpView } from './branch-events.ts';

const envelope = {
  branchId: '0b8f3c1e-4a5d-4f6e-9a7b-1c2d3e4f5a6b',
  kitchenSeq: null,
  at: '2026-11-21T20:15:00.000Z',
};
const saleCharged = {
  ...envelope,
  seq: 1,
  type: 'sales.changed',
  payload: {
    saleId: '5d7e9f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a',
    orderId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    status: 'completed',
  },
};

describe('catch-up as a client reads it', () => {
  it('keeps the events it can read and turns the others into null, in their place', () => {
    const answer = TolerantCatchUpView.parse({
      events: [
        saleCharged,
        { ...envelope, seq: 2, type: 'tables.repainted', payload: { colour: 'verde' } },
        { ...saleCharged, seq: 3, payload: { saleId: 'not-a-uuid' } },
      ],
      latestSeq: 3,
      snapshotRequired: false,
    });

    expect(answer.events).toEqual([saleCharged, null, null]);
  });

  it('still refuses an answer that is not a catch-up', () => {
    expect(TolerantCatchUpView.safeParse({ events: [saleCharged], snapshotRequired: false }).success).toBe(
      false,
    );
    expect(
      TolerantCatchUpView.safeParse({ events: 'none', latestSeq: 0, snapshotRequired: false }).success,
    ).toBe(false);
  });
});
