import { describe, expect, it } from 'vitest';
import { itemView, orderView, uuid } from '#lib/testing/fixtures.ts';
import { elapsed, orderKind, orderLabel, readyCount, shortName } from './floor-view.ts';

const mesa4 = { id: uuid(), name: 'Mesa 4' };
const mesa5 = { id: uuid(), name: 'Mesa 5' };

describe('orderLabel', () => {
  it('names a table order by its tables, the joined ones after the first', () => {
    expect(orderLabel(orderView({ type: 'dine_in', tableIds: [mesa4.id, mesa5.id] }), [mesa5, mesa4])).toBe(
      'Mesa 4 + Mesa 5',
    );
  });

  it('names takeaway and delivery by number and customer, without a number while the server has not given one', () => {
    const customer = { name: 'Rosa', phone: null, address: null };
    expect(orderLabel(orderView({ type: 'takeaway', tableIds: [], number: 12, customer }), [])).toBe(
      'Llevar #12 · Rosa',
    );
    expect(orderLabel(orderView({ type: 'delivery', tableIds: [], number: 3, customer }), [])).toBe(
      'Delivery #3 · Rosa',
    );
    expect(orderKind({ type: 'takeaway', number: 0 })).toBe('Llevar');
  });
});

describe('elapsed', () => {
  const opened = '2026-03-06T20:00:00.000Z';
  const at = (minutes: number): number => Date.parse(opened) + minutes * 60_000;

  it('reads like a waiter says it', () => {
    expect(elapsed(opened, at(0.5))).toBe('recién');
    expect(elapsed(opened, at(12))).toBe('12 min');
    expect(elapsed(opened, at(65))).toBe('1 h 05');
  });

  it('says "recién" when the phone’s clock is behind the server’s', () => {
    expect(elapsed(opened, at(-3))).toBe('recién');
  });
});

describe('readyCount', () => {
  it('counts the dishes waiting at the pass, not the ones served or still cooking', () => {
    const order = orderView({
      items: [
        itemView({ status: 'ready', quantity: 2 }),
        itemView({ status: 'ready', quantity: 1 }),
        itemView({ status: 'served', quantity: 4 }),
        itemView({ status: 'preparing', quantity: 1 }),
      ],
    });
    expect(readyCount(order)).toBe(3);
  });
});

describe('shortName', () => {
  it('keeps the first name, or what comes before the @ of an e-mail', () => {
    expect(shortName('Luis Alberto Huamán')).toBe('Luis');
    expect(shortName('rosa.quispe@example.pe')).toBe('rosa.quispe');
    expect(shortName('  Ana ')).toBe('Ana');
  });
});
