import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CUSTOMER_DOC_TYPES } from '@smartket/shared';

/** Someone a receipt is made out to: a person by DNI, a business by RUC, or a regular by name. */
export const Customer = defineEntity({
  name: 'Customer',
  tableName: 'customers',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    docType: p.enum(CUSTOMER_DOC_TYPES).nullable(),
    docNumber: p.string().length(11).nullable(),
    /** The person's name, or the business's legal name (razón social). */
    name: p.string().length(120),
    phone: p.string().length(20).nullable(),
    address: p.string().length(200).nullable(),
    email: p.string().length(254).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Customer = InferEntity<typeof Customer>;
