import type { CustomerView } from '@smartket/shared';
import type { Customer } from './customer.entity.ts';

export function presentCustomer(customer: Customer): CustomerView {
  return {
    id: customer.id,
    docType: customer.docType ?? null,
    docNumber: customer.docNumber ?? null,
    name: customer.name,
    phone: customer.phone ?? null,
    address: customer.address ?? null,
    email: customer.email ?? null,
  };
}
