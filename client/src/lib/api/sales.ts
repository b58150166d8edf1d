import {
  CheckoutView,
  OrderView,
  SaleView,
  type ChargeInput,
  type CheckoutView as Checkout,
  type OrderDiscountInput,
  type OrderView as Order,
  type SaleView as Sale,
  type SaleVoidInput,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';
const SaleList = z.array(SaleView);

function orderPath(orderId: string, rest: string): string {
  return `${BASE}/orders/${encodeURIComponent(orderId)}${rest}`;
}

/** A charge as the screen writes it: zod defaults (tip, receipt customer, tender fields) may be left out. */
export type Charge = z.input<typeof ChargeInput>;
export type DiscountInput = z.input<typeof OrderDiscountInput>;

/** An order as the cashier charges it: priced, what is paid and left, its split and its sales so far. */
export function fetchCheckout(orderId: string, options?: RequestOptions): Promise<Checkout> {
  return api.get(orderPath(orderId, '/checkout'), CheckoutView, options);
}

/**
 * "Cobrar": charges one part of the order. The sale id is the screen's, made once per attempt:
 * sending it again (a double tap, a retry after a lost answer) answers the same sale. An order
 * that changed since the screen read it answers 409 `ORDER_CHANGED`.
 */
export function chargeOrder(orderId: string, input: Charge, options?: RequestOptions): Promise<Sale> {
  return api.post(orderPath(orderId, '/charges'), input, SaleView, options);
}

/** Sets the discount of one item, or of the whole order (`itemId: null`); again replaces it. */
export function setDiscount(orderId: string, input: DiscountInput, options?: RequestOptions): Promise<Order> {
  return api.put(orderPath(orderId, '/discount'), input, OrderView, options);
}

/**
 * Takes a discount away: the item's, or without `itemId` the order's own. The answer (the order)
 * is not read: the screen reads the checkout again, which prices it.
 */
export function removeDiscount(
  orderId: string,
  itemId: string | null,
  options?: RequestOptions,
): Promise<void> {
  const query = itemId ? `?${new URLSearchParams({ itemId }).toString()}` : '';
  return api.deleteEmpty(orderPath(orderId, `/discount${query}`), undefined, options);
}

/** One sale as its receipt prints it (the business's header included). */
export function fetchSale(saleId: string, options?: RequestOptions): Promise<Sale> {
  return api.get(`${BASE}/sales/${encodeURIComponent(saleId)}`, SaleView, options);
}

/** "Anular venta" (needs `sales.void`): it stays in the reports, marked voided, with the reason. */
export function voidSale(saleId: string, input: SaleVoidInput, options?: RequestOptions): Promise<Sale> {
  return api.post(`${BASE}/sales/${encodeURIComponent(saleId)}/void`, input, SaleView, options);
}

/**
 * The sales of a branch on one Lima day (`YYYY-MM-DD`; today on the server's clock when left
 * out), in order, voided ones too: the till's "Ventas del día" and the owner's reports.
 */
export function listSales(branchId: string, day?: string, options?: RequestOptions): Promise<Sale[]> {
  const query = day ? `?${new URLSearchParams({ day }).toString()}` : '';
  return api.get(`${BASE}/branches/${encodeURIComponent(branchId)}/sales${query}`, SaleList, options);
}
