import type { CustomerDocType, CustomerView, ReceiptType } from '@smartket/shared';
import type { MessageKey } from '#lib/i18n/index.ts';

/** Why this receipt cannot be issued as chosen, or null when it can. */
export function receiptProblem(
  type: ReceiptType,
  customer: Pick<CustomerView, 'docType'> | null,
  businessHasRuc: boolean | null,
): MessageKey | null {
  if (type !== 'factura') {
    return null;
  }
  if (businessHasRuc === false) {
    return 'checkout.receipt.noFactura';
  }
  return customer?.docType === 'ruc' ? null : 'checkout.receipt.facturaNeedsRuc';
}

/**
 * What a search box holds, read as a document to register: 8 digits a DNI, 11 a RUC, a name
 * otherwise (spaces and dashes between digits ignored).
 */
export function documentIn(query: string): { docType: CustomerDocType; docNumber: string } | null {
  const digits = query.replace(/[\s-]/g, '');
  if (/^\d{8}$/.test(digits)) {
    return { docType: 'dni', docNumber: digits };
  }
  if (/^\d{11}$/.test(digits)) {
    return { docType: 'ruc', docNumber: digits };
  }
  return null;
}
