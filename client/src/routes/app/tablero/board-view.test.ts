import type { TableView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { BRANCH, itemView, orderView, uuid } from '#lib/testing/fixtures.ts';
import { customerOf, dishCounts, formatDuration, occupiedTables, orderLabel } from './board-view.ts';

function table(name: string): TableView {
  return { id: uuid(), branchId: BRANCH, zoneId: uuid(), number: 1, name, seats: 4, active: true };
}

describe('live board view', () => {
  it('names orders the way the kitchen tickets do', () => {
    const [four, five, terrace] = [table('Mesa 4'), table('Mesa 5'), table('Terraza 1')];
    const tables = new Map([four, five, terrace].map((entry) => [entry.id, entry]));
    expect(orderLabel(orderView({ tableIds: [four.id] }), tables)).toBe('Mesa 4');
    expect(orderLabel(orderView({ tableIds: [four.id, five.id, terrace.id] }), tables)).toBe(
      'Mesa 4 + 5 + Terraza 1',
    );
    const customer = { name: 'Juan', phone: null, address: null };
    expect(orderLabel(orderView({ type: 'takeaway', number: 12, tableIds: [], customer }), tables)).toBe(
      'Llevar #12 · Juan',
    );
    expect(orderLabel(orderView({ type: 'delivery', number: 3, tableIds: [], customer: null }), tables)).toBe(
      'Delivery #3',
    );
  });

  it('puts a takeaway’s or delivery’s customer on a line of its own, never a table’s', () => {
    const customer = { name: 'Juan', phone: null, address: null };
    expect(customerOf(orderView({ type: 'delivery', customer }))).toBe('Juan');
    expect(customerOf(orderView({ type: 'takeaway', customer: { ...customer, name: '' } }))).toBeNull();
    expect(customerOf(orderView({ type: 'takeaway', customer: null }))).toBeNull();
    expect(customerOf(orderView({ type: 'dine_in', customer }))).toBeNull();
  });

  it('counts the dishes still in the kitchen and the ones waiting to be served', () => {
    const order = orderView({
      items: [
        itemView({ quantity: 2, status: 'pending' }),
        itemView({ quantity: 1, status: 'preparing' }),
        itemView({ quantity: 3, status: 'ready' }),
        itemView({ quantity: 1, status: 'served' }),
        itemView({ quantity: 4, status: 'voided' }),
      ],
    });
    expect(dishCounts(order)).toEqual({ inKitchen: 3, toServe: 3 });
  });

  it('counts each held table once, joined tables included, and no takeaway', () => {
    const [a, b, c] = [uuid(), uuid(), uuid()];
    expect(
      occupiedTables([
        orderView({ tableIds: [a, b] }),
        orderView({ tableIds: [c] }),
        orderView({ type: 'takeaway', tableIds: [] }),
      ]),
    ).toBe(3);
  });

  it('says spans of time in seconds, minutes or hours', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(750)).toBe('12 min');
    expect(formatDuration(750, true)).toBe('12 min 30 s');
    expect(formatDuration(720, true)).toBe('12 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
  });
});
