import { describe, expect, it } from 'vitest';
import { nameKey, normalizeName } from './names.ts';

describe('names', () => {
  it('stores a name trimmed, with inner runs of spaces (line breaks too) made one space', () => {
    expect(normalizeName('  Pollo   a la\n brasa ')).toBe('Pollo a la brasa');
  });

  it('compares names whatever their case and spacing', () => {
    expect(nameKey(' ACOMPAÑAMIENTOS  de la casa')).toBe(nameKey('acompañamientos de la CASA'));
    expect(nameKey('Ají')).not.toBe(nameKey('Aji'));
  });
});
