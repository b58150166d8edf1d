import { describe, expect, it } from 'vitest';
import { formatPenInline } from './money.ts';

describe('formatPenInline', () => {
  it('writes an amount that never breaks after its S/', () => {
    expect(formatPenInline(123_450)).toBe('S/\u00a01,234.50');
  });
});
