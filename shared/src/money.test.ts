import { describe, expect, it } from 'vitest';
import { formatPen, parsePriceToCents } from './money.ts';

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

describe('parsePriceToCents', () => {
  it.each([
    ['12.50', 1250],
    ['12,50', 1250],
    ['12', 1200],
    ['12.5', 1250],
    ['12,5', 1250],
    ['0', 0],
    ['0.05', 5],
    [' 19.90 ', 1990],
    ['S/ 19.90', 1990],
    ['S/. 19,90', 1990],
    ['s/19.90', 1990],
    ['1,250.00', 125000],
    ['1.250,00', 125000],
    ['1 250,00', 125000],
    ['99999.99', 9_999_999],
  ])('%j → %i céntimos', (text, cents) => expect(parsePriceToCents(text)).toBe(cents));

  it.each([
    [12.5, 1250],
    [19.9, 1990],
    [0.1 + 0.2, 30],
    [36.9, 3690],
    [69.9, 6990],
    [1250, 125000],
    [0, 0],
  ])('the spreadsheet number %d → %i céntimos', (value, cents) =>
    expect(parsePriceToCents(value)).toBe(cents),
  );

  it.each([
    '',
    'abc',
    '12.505',
    '12,505',
    '-5',
    '1,250',
    '1.250',
    '1,250,00',
    '12.50.00',
    'S/',
    '12 soles',
    '100000.00',
    '1e3',
  ])('refuses %j', (text) => expect(parsePriceToCents(text)).toBeNull());

  it.each([12.505, -1, Number.NaN, Number.POSITIVE_INFINITY, 100_000])('refuses the number %d', (value) =>
    expect(parsePriceToCents(value)).toBeNull(),
  );
});
