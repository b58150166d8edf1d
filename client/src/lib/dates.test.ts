import { describe, expect, it } from 'vitest';
import { formatClock } from './dates.ts';

describe('formatClock', () => {
  it('reads Lima’s clock and keeps it on one line: no breakable space inside it', () => {
    // 13:44 UTC is 8:44 in Lima.
    const text = formatClock('2026-11-21T13:44:00.000Z');
    expect(text).toMatch(/^8:44/);
    expect(text).not.toMatch(/[ \t\n]/);
  });
});
