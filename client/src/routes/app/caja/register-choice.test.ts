import type { RegisterStateView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRANCH, TENANT, uuid } from '#lib/testing/fixtures.ts';
import { chargeSession, registerShown, rememberedRegister, rememberRegister } from './register-choice.ts';

function state(open: boolean): RegisterStateView {
  const registerId = uuid();
  return {
    register: { id: registerId, branchId: BRANCH, name: 'Caja', active: true },
    session: open
      ? {
          id: uuid(),
          branchId: BRANCH,
          registerId,
          registerName: 'Caja',
          status: 'open',
          openingFloatCents: 10000,
          openedByName: 'Rosa',
          openedAt: '2026-03-06T17:00:00.000Z',
          closedByName: null,
          closedAt: null,
          expectedCents: 10000,
          countedCents: null,
          differenceCents: null,
        }
      : null,
  };
}

describe('register choice', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('remembers the register per business and branch on this device', () => {
    expect(rememberedRegister(TENANT, BRANCH)).toBeNull();
    rememberRegister(TENANT, BRANCH, 'caja-2');
    expect(rememberedRegister(TENANT, BRANCH)).toBe('caja-2');
    expect(rememberedRegister(TENANT, uuid())).toBeNull();
    rememberRegister(TENANT, BRANCH, null);
    expect(rememberedRegister(TENANT, BRANCH)).toBeNull();
  });

  it('shows the chosen register, or the only one; several and none chosen: the cashier picks', () => {
    const [one, two] = [state(false), state(true)];
    expect(registerShown([one], null)).toBe(one);
    expect(registerShown([one, two], two.register.id)).toBe(two);
    expect(registerShown([one, two], null)).toBeNull();
    expect(registerShown([one, two], uuid())).toBeNull();
  });

  it('charges into this device’s open register, else the only open one', () => {
    const [closed, openA, openB] = [state(false), state(true), state(true)];
    expect(chargeSession([closed], closed.register.id)).toEqual({ kind: 'closed' });
    expect(chargeSession([closed, openA], closed.register.id)).toEqual({ kind: 'ready', state: openA });
    expect(chargeSession([openA, openB], openB.register.id)).toEqual({ kind: 'ready', state: openB });
    expect(chargeSession([openA, openB], null)).toEqual({ kind: 'pick', open: [openA, openB] });
  });
});
