import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANT, uuid } from '#lib/testing/fixtures.ts';
import { knownBusinessRuc, learnBusinessRuc, rucFromSales } from './business-ruc.ts';

const header = (ruc: string | null) => ({
  businessName: 'El Buen Sabor',
  legalName: null,
  ruc,
  fiscalAddress: null,
  branchName: 'Local principal',
  branchAddress: null,
});

describe('whether the business issues facturas', () => {
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

  it('is unknown until a receipt or a refusal says, then kept per business', () => {
    expect(knownBusinessRuc(TENANT)).toBeNull();
    learnBusinessRuc(TENANT, false);
    expect(knownBusinessRuc(TENANT)).toBe(false);
    expect(knownBusinessRuc(uuid())).toBeNull();
    learnBusinessRuc(TENANT, true);
    expect(knownBusinessRuc(TENANT)).toBe(true);
  });

  it('believes the newest receipt: a business may register its RUC later', () => {
    expect(rucFromSales([])).toBeNull();
    expect(
      rucFromSales([
        { createdAt: '2026-03-06T20:00:00.000Z', header: header(null) },
        { createdAt: '2026-03-07T20:00:00.000Z', header: header('20100070970') },
      ]),
    ).toBe(true);
  });
});
