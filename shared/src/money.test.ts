import { describe, expect, it } from 'vitest';
import { formatPen } from './money.ts';

describe('formatPen', () => {
  it.each([
    [0, 'S/ 0.00'],
    [1250, 'S/ 12.50'],
    [5, 'S/ 0.05'],
    [123456, 'S/ 1,234.56'],
    [-990, '-S/ 9.90'],
  ])('%i céntimos → %s', (cents, text) => expect(formatPen(cents)).toBe(text));

  it('refuses fractions of a céntimo', () => expect(() => formatPen(12.5)).toThrow(RangeError));
});
