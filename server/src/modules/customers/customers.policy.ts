import { AppError } from '../../lib/errors.ts';
import type { Customer } from './customer.entity.ts';
import { presentCustomer } from './customers.presenter.ts';

/** How many customers a search answers: a checkout picker, not a directory. */
export const CUSTOMER_SEARCH_LIMIT = 10;

/**
 * 409 CUSTOMER_EXISTS: a DNI or RUC belongs to one customer. The answer names them, so the
 * checkout screen picks the one registered instead of making a second.
 */
export function customerExists(holder: Customer): AppError {
  return new AppError('CUSTOMER_EXISTS', 409, 'A customer with this document exists', {
    details: { customerId: holder.id, customer: presentCustomer(holder) },
  });
}

/** What a search is: the digits of a document or a phone, or a piece of a name. */
export type CustomerSearch = { kind: 'number'; digits: string } | { kind: 'name'; text: string };

/**
 * Reads what the cashier typed: only digits (spaces, dashes, brackets and a leading +51 aside)
 * look up a DNI, a RUC or a phone by their start; anything else a name, by any part of it,
 * without minding case or accents ("nunez" finds "Núñez").
 */
export function readCustomerSearch(q: string): CustomerSearch {
  const trimmed = q.trim();
  if (/^[\d\s()+-]+$/.test(trimmed)) {
    const digits = trimmed.replace(/^\+51/, '').replace(/\D/g, '');
    if (digits.length > 0) {
      return { kind: 'number', digits };
    }
  }
  return { kind: 'name', text: foldAccents(trimmed) };
}

/** Lower case without accents, the way the search compares names. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** A LIKE pattern's own wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
