import type { RegisterStateView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/api/client.ts';
import { alreadyVoided, cashBackTill } from './void-till.ts';

function register(name: string, open: boolean): RegisterStateView {
  const registerId = crypto.randomUUID();
  return {
    register: { id: registerId, branchId: crypto.randomUUID(), name, active: true },
    session: open
      ? ({ id: crypto.randomUUID(), registerId, status: 'open' } as RegisterStateView['session'])
      : null,
  };
}

describe('the till a void gives the cash back from', () => {
  const barra = register('Caja barra', true);
  const terraza = register('Caja terraza', true);
  const closed = register('Caja 3', false);

  it('needs none when the void gives no cash back', () => {
    expect(cashBackTill(0, [barra], null)).toEqual({ kind: 'none' });
  });

  it("is this device's till when it is open, else the branch's only open one", () => {
    expect(cashBackTill(2600, [barra, terraza, closed], terraza.register.id)).toEqual({
      kind: 'ready',
      till: { sessionId: terraza.session!.id, registerName: 'Caja terraza' },
    });
    expect(cashBackTill(2600, [closed, barra], null)).toEqual({
      kind: 'ready',
      till: { sessionId: barra.session!.id, registerName: 'Caja barra' },
    });
  });

  it('asks which when several are open and none is this device’s, and says when none is open', () => {
    expect(cashBackTill(2600, [barra, terraza], closed.register.id)).toEqual({
      kind: 'pick',
      open: [
        { sessionId: barra.session!.id, registerName: 'Caja barra' },
        { sessionId: terraza.session!.id, registerName: 'Caja terraza' },
      ],
    });
    expect(cashBackTill(2600, [closed], null)).toEqual({ kind: 'closed' });
    // The registers could not be read: the server gives it back from the sale's own till.
    expect(cashBackTill(2600, null, null)).toEqual({ kind: 'unknown' });
  });
});

describe('a void answered "already voided"', () => {
  it('is a retry whose answer was lost when the conflict says when the sale was voided', () => {
    const conflict = (details: Record<string, unknown>) =>
      new ApiError({ status: 409, code: 'CONFLICT', message: 'This sale is already voided', details });
    expect(alreadyVoided(conflict({ saleId: 'x', voidedAt: '2026-11-21T03:00:00.000Z' }))).toBe(true);
    expect(alreadyVoided(conflict({ saleId: 'x' }))).toBe(false);
    expect(alreadyVoided(new Error('offline'))).toBe(false);
    expect(
      alreadyVoided(
        new ApiError({
          status: 409,
          code: 'CASH_SESSION_CLOSED',
          message: 'closed',
          details: { voidedAt: '2026-11-21T03:00:00.000Z' },
        }),
      ),
    ).toBe(false);
  });
});
