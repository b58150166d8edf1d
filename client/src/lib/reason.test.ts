import { SaleVoidInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { reasonError } from './reason.ts';

const rule = SaleVoidInput.shape.reason;
const required = 'Escribe el motivo de la anulación.';

describe('reasonError', () => {
  it('asks for the reason in the dialog’s own words when it is blank', () => {
    expect(reasonError('', rule, required)).toBe(required);
    expect(reasonError('  \n ', rule, required)).toBe(required);
  });

  it('applies the server’s rule to a reason written', () => {
    expect(reasonError(' ok ', rule, required)).toBe('Usa al menos 3 caracteres.');
    expect(reasonError('x'.repeat(141), rule, required)).toBe('Usa como máximo 140 caracteres.');
  });

  it('takes a reason', () => {
    expect(reasonError('Comprobante equivocado', rule, required)).toBeUndefined();
  });
});
