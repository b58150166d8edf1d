import {
  CustomerView,
  type CustomerInput,
  type CustomerPatch,
  type CustomerView as Customer,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant/customers';
const CustomerList = z.array(CustomerView);

/** A customer as the checkout writes it: zod defaults may be left out. */
export type NewCustomer = z.input<typeof CustomerInput>;

/** Up to ten customers whose DNI, RUC or phone starts with `q`, or whose name contains it. */
export function searchCustomers(q: string, options?: RequestOptions): Promise<Customer[]> {
  return api.get(`${BASE}?${new URLSearchParams({ q }).toString()}`, CustomerList, options);
}

/** Registers a customer at checkout; a document already taken answers 409 `CUSTOMER_EXISTS`. */
export function createCustomer(input: NewCustomer, options?: RequestOptions): Promise<Customer> {
  return api.post(BASE, input, CustomerView, options);
}

/** Corrects a customer (a legal name for the factura, a phone). */
export function updateCustomer(
  id: string,
  patch: CustomerPatch,
  options?: RequestOptions,
): Promise<Customer> {
  return api.patch(`${BASE}/${encodeURIComponent(id)}`, patch, CustomerView, options);
}
