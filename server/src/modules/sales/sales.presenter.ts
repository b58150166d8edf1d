import type { ReceiptHeaderView, SaleView } from '@smartket/shared';
import type { Branch } from '../branches/branch.entity.ts';
import type { BusinessProfile } from '../settings/settings.service.ts';
import type { FiscalProfile } from '../setup/setup.service.ts';
import { receiptNumber } from './sales.policy.ts';
import type { SaleRecord } from './sales.repository.ts';

/**
 * A sale as the cashier's screen and the printed receipt show it: its receipt number, the
 * customer as the sale keeps them, lines, amounts with IGV broken out, tenders and change, the
 * head of the receipt (`header`, the same for every sale of a branch), what its order owes now
 * (`orderBalanceCents`: after a void, what is left to charge again) and the cash a void hands
 * back out of the drawer open then (`cashBackCents`, once its session closed).
 */
export function presentSale(
  { sale, lines, payments }: SaleRecord,
  context: {
    orderLabel: string;
    header: ReceiptHeaderView;
    orderBalanceCents: number;
    cashBackCents: number;
  },
): SaleView {
  return {
    id: sale.id,
    branchId: sale.branchId,
    orderId: sale.orderId,
    orderLabel: context.orderLabel,
    sessionId: sale.sessionId,
    receiptType: sale.receiptType,
    series: sale.series,
    number: sale.number,
    receipt: receiptNumber(sale.series, sale.number),
    customer: sale.customerName
      ? {
          docType: sale.customerDocType ?? null,
          docNumber: sale.customerDocNumber ?? null,
          name: sale.customerName,
          address: sale.customerAddress ?? null,
        }
      : null,
    part: { kind: sale.partKind, index: sale.partIndex ?? null, count: sale.partCount ?? null },
    lines: lines.map((line) => ({
      orderItemId: line.orderItemId ?? null,
      description: line.description,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      discountCents: line.discountCents,
      amountCents: line.amountCents,
    })),
    subtotalCents: sale.subtotalCents,
    discountCents: sale.discountCents,
    totalCents: sale.totalCents,
    taxableCents: sale.taxableCents,
    igvCents: sale.igvCents,
    tipCents: sale.tipCents,
    changeCents: sale.changeCents,
    payments: payments.map((payment) => ({
      method: payment.method,
      amountCents: payment.amountCents,
      receivedCents: payment.receivedCents ?? null,
      changeCents: payment.changeCents,
      reference: payment.reference ?? null,
    })),
    status: sale.status,
    voidReason: sale.voidReason ?? null,
    voidedAt: sale.voidedAt?.toISOString() ?? null,
    voidedByName: sale.voidedByName ?? null,
    chargedByName: sale.chargedByName,
    createdAt: sale.createdAt.toISOString(),
    header: context.header,
    orderBalanceCents: context.orderBalanceCents,
    cashBackCents: context.cashBackCents,
    refunded: sale.refunded,
  };
}

/**
 * The head of a branch's receipts: the business's name, its legal name, RUC and fiscal address
 * when it sells with a RUC (null with simple receipts: the receipt then says "boleta simple"),
 * and the branch with its address.
 */
export function presentReceiptHeader(
  business: { profile: BusinessProfile | null; fallbackName: string; fiscal: FiscalProfile | null },
  branch: Branch,
): ReceiptHeaderView {
  const withRuc = business.fiscal?.taxMode === 'ruc' ? business.fiscal : null;
  const branchAddress = [branch.address, branch.district].filter(Boolean).join(', ');
  return {
    businessName: business.profile?.businessName ?? business.fallbackName,
    legalName: withRuc?.legalName ?? null,
    ruc: withRuc?.ruc ?? null,
    fiscalAddress: withRuc?.fiscalAddress ?? null,
    branchName: branch.name,
    branchAddress: branchAddress || null,
  };
}
