import { describe, expect, it } from 'vitest';
import { itemView, orderView, uuid } from '#lib/testing/fixtures.ts';
import { roundSlips, roundToPrint } from './slips.ts';

describe('kitchen slips', () => {
  const brasa = uuid();
  const bar = uuid();
  const first = { id: uuid(), number: 1, sentAt: '2026-03-06T20:00:00.000Z', sentByName: 'Luis' };
  const second = { id: uuid(), number: 2, sentAt: '2026-03-06T20:20:00.000Z', sentByName: 'Luis' };

  it('prints the round asked for, else the last one sent', () => {
    const order = orderView({ rounds: [second, first] });
    expect(roundToPrint(order, 1)).toBe(first);
    expect(roundToPrint(order, null)).toBe(second);
    expect(roundToPrint(order, 7)).toBe(second);
    expect(roundToPrint(orderView({ rounds: [] }), null)).toBeNull();
  });

  it('makes one slip per ticket of the round, stations in the branch’s order, the rest last', () => {
    const barTicket = uuid();
    const brasaTicket = uuid();
    const plainTicket = uuid();
    const chicha = itemView({ roundId: second.id, ticketId: barTicket, stationId: bar, name: 'Chicha' });
    const pollo = itemView({
      roundId: second.id,
      ticketId: brasaTicket,
      stationId: brasa,
      name: '1/4 de pollo',
    });
    const papas = itemView({ roundId: second.id, ticketId: brasaTicket, stationId: brasa, name: 'Papas' });
    const pan = itemView({ roundId: second.id, ticketId: plainTicket, stationId: null, name: 'Pan' });
    const earlier = itemView({ roundId: first.id, stationId: brasa });
    const order = orderView({ rounds: [first, second], items: [pan, chicha, earlier, pollo, papas] });

    const slips = roundSlips(order, second.id, [brasa, bar]);
    expect(slips.map((slip) => [slip.stationId, slip.items.map((item) => item.name)])).toEqual([
      [brasa, ['1/4 de pollo', 'Papas']],
      [bar, ['Chicha']],
      [null, ['Pan']],
    ]);
    expect(roundSlips(order, uuid(), [brasa])).toEqual([]);
  });
});
