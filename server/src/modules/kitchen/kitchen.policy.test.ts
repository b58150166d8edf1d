import type { ItemStatus, TicketStatus } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import {
  advanceItem,
  canRecall,
  recallTicket,
  settleTicket,
  ticketStatusOf,
  type KitchenItemState,
  type KitchenTicketState,
} from './kitchen.policy.ts';

const EARLIER = new Date('2026-11-06T23:00:00Z');
const NOW = new Date('2026-11-06T23:07:00Z');

function items(...statuses: ItemStatus[]): KitchenItemState[] {
  return statuses.map((status) => ({ status, startedAt: null, readyAt: null }));
}

function ticket(status: TicketStatus): KitchenTicketState {
  return { status, startedAt: null, readyAt: null, recalledAt: null };
}

describe('kitchen policy', () => {
  it('moves an item forward and stamps when it started and when it was ready', () => {
    const [dish] = items('pending');
    expect(advanceItem(dish!, 'preparing', EARLIER)).toBe(true);
    expect(dish).toEqual({ status: 'preparing', startedAt: EARLIER, readyAt: null });
    expect(advanceItem(dish!, 'ready', NOW)).toBe(true);
    expect(dish).toEqual({ status: 'ready', startedAt: EARLIER, readyAt: NOW });
  });

  it('takes a pending item straight to ready, started and ready at the same moment', () => {
    const [dish] = items('pending');
    advanceItem(dish!, 'ready', NOW);
    expect(dish).toEqual({ status: 'ready', startedAt: NOW, readyAt: NOW });
  });

  it('never moves an item back, nor touches a voided one: a double tap changes nothing', () => {
    for (const status of ['preparing', 'ready', 'served', 'voided'] as const) {
      const [dish] = items(status);
      expect(advanceItem(dish!, 'preparing', NOW)).toBe(false);
      expect(dish!.status).toBe(status);
    }
    for (const status of ['ready', 'served', 'voided'] as const) {
      const [dish] = items(status);
      expect(advanceItem(dish!, 'ready', NOW)).toBe(false);
      expect(dish).toEqual({ status, startedAt: null, readyAt: null });
    }
  });

  it('derives the ticket status from its standing items, voided ones left out', () => {
    expect(ticketStatusOf(items('pending', 'pending'))).toBe('pending');
    expect(ticketStatusOf(items('pending', 'voided'))).toBe('pending');
    expect(ticketStatusOf(items('pending', 'preparing'))).toBe('preparing');
    expect(ticketStatusOf(items('pending', 'ready'))).toBe('preparing');
    expect(ticketStatusOf(items('ready', 'served'))).toBe('ready');
    expect(ticketStatusOf(items('ready', 'voided'))).toBe('ready');
    expect(ticketStatusOf(items('ready', 'pending', 'voided'))).toBe('preparing');
    expect(ticketStatusOf(items('voided', 'voided'))).toBe('ready');
  });

  it('stamps the ticket on its first start and when it is bumped', () => {
    const sent = ticket('pending');
    const dishes = items('preparing', 'pending');
    expect(settleTicket(sent, dishes, EARLIER)).toBe(true);
    expect(sent).toMatchObject({ status: 'preparing', startedAt: EARLIER, readyAt: null });
    expect(settleTicket(sent, dishes, NOW)).toBe(false);

    expect(settleTicket(sent, items('ready', 'served'), NOW)).toBe(true);
    expect(sent).toMatchObject({ status: 'ready', startedAt: EARLIER, readyAt: NOW });
  });

  it('bumps a ticket sent straight to ready with both stamps', () => {
    const sent = ticket('pending');
    settleTicket(sent, items('ready'), NOW);
    expect(sent).toMatchObject({ status: 'ready', startedAt: NOW, readyAt: NOW });
  });

  it('recalls a bumped ticket: preparing again, its ready dishes too, served ones stay served', () => {
    const bumped: KitchenTicketState = {
      status: 'ready',
      startedAt: EARLIER,
      readyAt: EARLIER,
      recalledAt: null,
    };
    const dishes: KitchenItemState[] = [
      { status: 'ready', startedAt: EARLIER, readyAt: EARLIER },
      { status: 'served', startedAt: EARLIER, readyAt: EARLIER },
      { status: 'voided', startedAt: null, readyAt: null },
    ];
    const reopened = recallTicket(bumped, dishes, NOW);
    expect(reopened).toEqual([dishes[0]]);
    expect(bumped).toEqual({ status: 'preparing', startedAt: EARLIER, readyAt: null, recalledAt: NOW });
    expect(dishes.map((dish) => dish.status)).toEqual(['preparing', 'served', 'voided']);
    expect(dishes[0]).toMatchObject({ startedAt: EARLIER, readyAt: null });
    expect(ticketStatusOf(dishes)).toBe('preparing');
  });

  it('recalls only a bumped ticket with a dish ready and not yet served', () => {
    expect(canRecall(ticket('ready'), items('ready', 'served'))).toBe(true);
    expect(canRecall(ticket('ready'), items('served', 'voided'))).toBe(false);
    expect(canRecall(ticket('ready'), items('voided'))).toBe(false);
    expect(canRecall(ticket('preparing'), items('ready', 'preparing'))).toBe(false);
  });
});
