import { describe, expect, it } from 'vitest';
import { dotted, paperDateTime, paperTime, signedPen } from './paper-format.ts';

describe('paper dates', () => {
  it('writes day/month/year and a 24-hour clock on Lima’s time', () => {
    // 00:42 UTC on the 22nd is 19:42 on the 21st in Lima (UTC−5).
    expect(paperDateTime('2026-11-22T00:42:00.000Z')).toBe('21/11/2026 19:42');
    expect(paperDateTime('2026-03-06T05:05:00.000Z')).toBe('06/03/2026 00:05');
    expect(paperTime('2026-11-22T00:42:00.000Z')).toBe('19:42');
  });

  it('joins the parts of a line that are there with a middle dot', () => {
    expect(dotted('Mesa 4', null, 'Parte 1 de 2', '', false, undefined)).toBe('Mesa 4 · Parte 1 de 2');
    expect(dotted(null)).toBe('');
  });

  it('writes a difference with a plus or a true minus, none when it squares', () => {
    expect(signedPen(-339)).toBe('−S/ 3.39');
    expect(signedPen(100)).toBe('+S/ 1.00');
    expect(signedPen(0)).toBe('S/ 0.00');
    expect(signedPen(-123456)).toBe(`−${'S/ 1,234.56'}`);
  });
});
