import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RECEIPT_TYPES } from '@smartket/shared';

/**
 * A branch's series for one receipt type (B001, F001, NV01…) and the next correlative it hands
 * out. Taken with UPDATE … RETURNING inside the charge's transaction: gapless and unique.
 */
export const ReceiptSeries = defineEntity({
  name: 'ReceiptSeries',
  tableName: 'receipt_series',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    type: p.enum(RECEIPT_TYPES),
    prefix: p.string().length(4),
    nextNumber: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ReceiptSeries = InferEntity<typeof ReceiptSeries>;
