import type { ItemStatus } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { ticketView, uuid } from '#lib/testing/fixtures.ts';
import {
  ageLevel,
  ageSeconds,
  formatAge,
  itemsMovedBy,
  nextItemStatus,
  nextTicketStatus,
  reached,
  ticketStatusOf,
} from './ticket-state.ts';

const items = (...statuses: ItemStatus[]) => statuses.map((status) => ({ status }));

describe('kitchen ticket state', () => {
  it('derives the ticket status from its standing items, as the server does', () => {
    expect(ticketStatusOf(items('pending', 'pending'))).toBe('pending');
    expect(ticketStatusOf(items('pending', 'voided'))).toBe('pending');
    expect(ticketStatusOf(items('pending', 'preparing'))).toBe('preparing');
    expect(ticketStatusOf(items('pending', 'ready'))).toBe('preparing');
    expect(ticketStatusOf(items('ready', 'served'))).toBe('ready');
    expect(ticketStatusOf(items('ready', 'voided'))).toBe('ready');
    expect(ticketStatusOf(items('voided'))).toBe('ready');
  });

  it('moves a tap one step at a time and stops once done', () => {
    expect(nextItemStatus('pending')).toBe('preparing');
    expect(nextItemStatus('preparing')).toBe('ready');
    for (const status of ['ready', 'served', 'voided'] as const) {
      expect(nextItemStatus(status)).toBeNull();
    }
    expect(nextTicketStatus('pending')).toBe('preparing');
    expect(nextTicketStatus('preparing')).toBe('ready');
    expect(nextTicketStatus('ready')).toBeNull();
  });

  it('counts an item at or past a status as there, a voided one as done', () => {
    expect(reached('pending', 'preparing')).toBe(false);
    expect(reached('preparing', 'preparing')).toBe(true);
    expect(reached('served', 'ready')).toBe(true);
    expect(reached('voided', 'preparing')).toBe(true);
  });

  it('names the items a move changes: only those short of it, only the named ones when named', () => {
    const [pending, preparing, ready, voided] = [uuid(), uuid(), uuid(), uuid()];
    const item = (id: string, status: ItemStatus) => ({
      id,
      name: 'Papas',
      quantity: 1,
      options: [],
      note: null,
      status,
    });
    const ticket = ticketView({
      items: [
        item(pending, 'pending'),
        item(preparing, 'preparing'),
        item(ready, 'ready'),
        item(voided, 'voided'),
      ],
    });
    expect(itemsMovedBy(ticket, 'preparing')).toEqual([pending]);
    expect(itemsMovedBy(ticket, 'ready')).toEqual([pending, preparing]);
    expect(itemsMovedBy(ticket, 'ready', [preparing, ready])).toEqual([preparing]);
  });

  it('turns amber at the warn minute and red at the late minute', () => {
    const timing = { warnMinutes: 10, lateMinutes: 20 };
    expect(ageLevel(599, timing)).toBe('normal');
    expect(ageLevel(600, timing)).toBe('warn');
    expect(ageLevel(1199, timing)).toBe('warn');
    expect(ageLevel(1200, timing)).toBe('late');
  });

  it('counts the age from when it was sent, never below zero, as m:ss and past an hour as h mm', () => {
    const sent = '2026-03-06T20:00:00.000Z';
    expect(ageSeconds(sent, Date.parse('2026-03-06T20:04:05.900Z'))).toBe(245);
    expect(ageSeconds(sent, Date.parse('2026-03-06T19:59:58.000Z'))).toBe(0);
    expect(formatAge(245)).toBe('4:05');
    expect(formatAge(0)).toBe('0:00');
    expect(formatAge(3599)).toBe('59:59');
    expect(formatAge(3600)).toBe('1 h 00');
    expect(formatAge(95 * 60 + 21)).toBe('1 h 35');
  });
});
