import { describe, expect, it } from 'vitest';
import { orderLabel } from './kitchen-ticket.presenter.ts';

describe('orderLabel', () => {
  const dineIn = { type: 'dine_in', number: 7, customerName: null } as const;

  it('names a table, and joined tables without repeating "Mesa"', () => {
    expect(orderLabel(dineIn, ['Mesa 4'])).toBe('Mesa 4');
    expect(orderLabel(dineIn, ['Mesa 4', 'Mesa 5'])).toBe('Mesa 4 + 5');
    expect(orderLabel(dineIn, ['Mesa 4', 'Barra 2', 'Mesa 6'])).toBe('Mesa 4 + Barra 2 + 6');
    expect(orderLabel(dineIn, ['Terraza', 'Mesa 5'])).toBe('Terraza + Mesa 5');
  });

  it('falls back to the order number when the tables are gone', () => {
    expect(orderLabel(dineIn, [])).toBe('Mesa #7');
  });

  it('names takeaway and delivery orders by number and customer', () => {
    expect(orderLabel({ type: 'takeaway', number: 12, customerName: 'Juan' }, [])).toBe('Llevar #12 · Juan');
    expect(orderLabel({ type: 'delivery', number: 3, customerName: 'Ana' }, [])).toBe('Delivery #3 · Ana');
    expect(orderLabel({ type: 'takeaway', number: 4, customerName: null }, [])).toBe('Llevar #4');
  });
});
