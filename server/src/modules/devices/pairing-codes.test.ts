import { normalizePairingCode, PAIRING_CODE_ALPHABET } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { formatPairingCode, newPairingCode } from './pairing-codes.ts';

describe('pairing codes', () => {
  it('draws 8 characters of the alphabet, differently each time, shown as ABCD-EFGH', () => {
    const codes = Array.from({ length: 2000 }, newPairingCode);
    for (const code of codes) {
      expect(code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{8}$`));
      expect(normalizePairingCode(formatPairingCode(code))).toBe(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: nothing is left out by the unbiased draw.
    expect(new Set(codes.join('')).size).toBe(PAIRING_CODE_ALPHABET.length);
    expect(formatPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });
});
