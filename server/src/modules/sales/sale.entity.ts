import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CUSTOMER_DOC_TYPES, RECEIPT_TYPES, SALE_PART_KINDS, SALE_STATUSES } from '@smartket/shared';

const ACTOR_KINDS = ['user', 'staff', 'device'] as const;

/**
 * One part of an order charged: its receipt (series and correlative), the customer as the
 * receipt names them, the amounts (IGV broken out by `igvBreakdown`), the tip and the change.
 * The id is the cashier screen's, so a retry charges once. Voided sales stay, marked.
 */
export const Sale = defineEntity({
  name: 'Sale',
  tableName: 'sales',
  properties: {
    id: p.uuid().primary(),
    branchId: p.uuid(),
    orderId: p.uuid(),
    sessionId: p.uuid(),
    registerId: p.uuid(),
    /** The branch's day (its time zone) of the charge, for the day's reports. */
    businessDay: p.string().columnType('date'),
    receiptType: p.enum(RECEIPT_TYPES),
    series: p.string().length(4),
    number: p.integer(),
    customerId: p.uuid().nullable(),
    customerDocType: p.enum(CUSTOMER_DOC_TYPES).nullable(),
    customerDocNumber: p.string().length(11).nullable(),
    customerName: p.string().length(120).nullable(),
    customerAddress: p.string().length(200).nullable(),
    partKind: p.enum(SALE_PART_KINDS),
    partIndex: p.integer().nullable(),
    partCount: p.integer().nullable(),
    subtotalCents: p.integer(),
    discountCents: p.integer(),
    totalCents: p.integer(),
    taxableCents: p.integer(),
    igvCents: p.integer(),
    tipCents: p.integer().default(0),
    changeCents: p.integer().default(0),
    status: p.enum(SALE_STATUSES).default('completed'),
    voidReason: p.string().length(140).nullable(),
    voidedAt: p.datetime().nullable(),
    voidedByName: p.string().length(254).nullable(),
    /**
     * The void found its session closed (settled under that session's lock): its cash was
     * counted in that drawer, the closing report counts it, and it went back out of another.
     */
    voidedAfterClose: p.boolean().default(false),
    /** Voided as a refund of a closed order: its consumption is written off, not owed again. */
    refunded: p.boolean().default(false),
    chargedByKind: p.enum(ACTOR_KINDS),
    chargedById: p.string().length(64),
    chargedByName: p.string().length(254),
    createdAt: p.datetime(),
  },
});

export type Sale = InferEntity<typeof Sale>;
