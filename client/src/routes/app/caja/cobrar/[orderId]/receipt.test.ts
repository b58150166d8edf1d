import { describe, expect, it } from 'vitest';
import { documentIn, receiptProblem } from './receipt.ts';

describe('receipt type', () => {
  it('asks a factura for a customer with RUC, and none of a business without RUC', () => {
    expect(receiptProblem('boleta', null, null)).toBeNull();
    expect(receiptProblem('nota_venta', { docType: 'dni' }, false)).toBeNull();
    expect(receiptProblem('factura', null, true)).toBe('checkout.receipt.facturaNeedsRuc');
    expect(receiptProblem('factura', { docType: 'dni' }, null)).toBe('checkout.receipt.facturaNeedsRuc');
    expect(receiptProblem('factura', { docType: 'ruc' }, null)).toBeNull();
    expect(receiptProblem('factura', { docType: 'ruc' }, false)).toBe('checkout.receipt.noFactura');
  });

  it('reads a DNI or a RUC typed in the search box', () => {
    expect(documentIn('45678912')).toEqual({ docType: 'dni', docNumber: '45678912' });
    expect(documentIn(' 20100070970 ')).toEqual({ docType: 'ruc', docNumber: '20100070970' });
    expect(documentIn('20-100070970')).toEqual({ docType: 'ruc', docNumber: '20100070970' });
    expect(documentIn('987654321')).toBeNull();
    expect(documentIn('Rosa')).toBeNull();
  });
});
