import { CashCloseInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import {
  BILLS,
  COINS,
  countedCents,
  denominationInput,
  denominationLabel,
  parseCount,
} from './denominations.ts';

describe('denominations', () => {
  it('lists the bills and coins a Peruvian drawer holds, largest first', () => {
    expect(BILLS.map(denominationLabel)).toEqual(['S/ 200', 'S/ 100', 'S/ 50', 'S/ 20', 'S/ 10']);
    expect(COINS.map(denominationLabel)).toEqual(['S/ 5', 'S/ 2', 'S/ 1', 'S/ 0.50', 'S/ 0.20', 'S/ 0.10']);
  });

  it('adds up a count to the céntimo', () => {
    expect(countedCents({})).toBe(0);
    // 2 × 100 + 3 × 20 + 1 × 5 + 7 × 0.50 + 3 × 0.10 = 268.80
    expect(countedCents({ 10000: 2, 2000: 3, 500: 1, 50: 7, 10: 3 })).toBe(26880);
  });

  it('sends only what was counted, and the server’s own check accepts it', () => {
    const counts = { 20000: 0, 5000: 1, 100: 4, 20: 2 };
    const denominations = denominationInput(counts);
    expect(denominations).toEqual([
      { valueCents: 5000, count: 1 },
      { valueCents: 100, count: 4 },
      { valueCents: 20, count: 2 },
    ]);
    const parsed = CashCloseInput.safeParse({ countedCents: countedCents(counts), denominations });
    expect(parsed.success).toBe(true);
    const off = CashCloseInput.safeParse({ countedCents: countedCents(counts) + 10, denominations });
    expect(off.success).toBe(false);
  });

  it('reads a count box: digits, empty as none, anything else refused', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount(' 3 ')).toBe(3);
    expect(parseCount('')).toBe(0);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-2')).toBeNull();
    expect(parseCount('dos')).toBeNull();
    expect(parseCount('100001')).toBeNull();
  });
});
