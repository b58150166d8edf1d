import type { ItemStatus, TicketItemView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { ticketView, uuid } from '#lib/testing/fixtures.ts';
import { allDay } from './all-day.ts';

function item(
  name: string,
  quantity: number,
  status: ItemStatus = 'pending',
  options: string[] = [],
): TicketItemView {
  return { id: uuid(), name, quantity, options, note: null, status };
}

describe('all-day summary', () => {
  it('sums each dish with the same options across tickets, most first', () => {
    const lines = allDay([
      ticketView({ items: [item('1/4 de pollo', 2, 'pending', ['Pecho']), item('Papas fritas', 1)] }),
      ticketView({
        items: [
          item('1/4 de pollo', 3, 'preparing', ['Pecho']),
          item('1/4 de pollo', 1, 'pending', ['Pierna']),
        ],
      }),
      ticketView({ items: [item('1/4 de pollo', 2, 'pending', ['Pecho'])] }),
    ]);
    expect(
      lines.map(({ name, options, pending, preparing, total }) => ({
        name,
        options,
        pending,
        preparing,
        total,
      })),
    ).toEqual([
      { name: '1/4 de pollo', options: ['Pecho'], pending: 4, preparing: 3, total: 7 },
      { name: '1/4 de pollo', options: ['Pierna'], pending: 1, preparing: 0, total: 1 },
      { name: 'Papas fritas', options: [], pending: 1, preparing: 0, total: 1 },
    ]);
  });

  it('leaves out what is made, served or voided', () => {
    const lines = allDay([
      ticketView({
        items: [item('Inca Kola', 1, 'ready'), item('Chicha', 2, 'served'), item('Ensalada', 1, 'voided')],
      }),
    ]);
    expect(lines).toEqual([]);
  });

  it('keeps a dish named like another with options apart from it', () => {
    const lines = allDay([
      ticketView({ items: [item('Pollo', 1, 'pending', ['Entero']), item('Pollo Entero', 1)] }),
    ]);
    expect(lines).toHaveLength(2);
  });
});
