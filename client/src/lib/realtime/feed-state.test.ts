import { describe, expect, it } from 'vitest';
import {
  orderClosed,
  orderOpened,
  orderUpdated,
  orderView,
  salesChanged,
  ticketCreated,
  ticketUpdated,
  ticketView,
  timingChanged,
  uuid,
} from '../testing/fixtures.ts';
import {
  applyFloorEvent,
  applyKitchenEvent,
  floorFromOrders,
  RECENTLY_BUMPED_KEPT,
  type KitchenState,
} from './feed-state.ts';

describe('applyFloorEvent', () => {
  it('keeps live orders oldest first, replaces updated ones in place and drops closed ones', () => {
    const late = orderView({ openedAt: '2026-03-06T20:30:00.000Z' });
    const early = orderView({ openedAt: '2026-03-06T20:00:00.000Z' });
    let floor = applyFloorEvent({ orders: [] }, orderOpened(1, late));
    floor = applyFloorEvent(floor, orderOpened(2, early));
    expect(floor.orders.map((order) => order.id)).toEqual([early.id, late.id]);

    floor = applyFloorEvent(floor, orderUpdated(3, { ...late, status: 'bill_requested' }));
    expect(floor.orders.map((order) => order.status)).toEqual(['open', 'bill_requested']);

    floor = applyFloorEvent(floor, orderClosed(4, early.id));
    expect(floor.orders.map((order) => order.id)).toEqual([late.id]);

    // An update saying the order is no longer live (merged) takes it off the floor too.
    floor = applyFloorEvent(floor, orderUpdated(5, { ...late, status: 'merged' }));
    expect(floor.orders).toEqual([]);
  });

  it('leaves the floor as it was when a sale changes: a void or a canje of a closed order moves no table', () => {
    const live = orderView();
    const floor = applyFloorEvent({ orders: [] }, orderOpened(1, live));
    expect(applyFloorEvent(floor, salesChanged(2, live.id, 'completed'))).toBe(floor);
    expect(applyFloorEvent(floor, salesChanged(3, orderView().id, 'voided'))).toBe(floor);
  });
});

describe('applyKitchenEvent', () => {
  const empty: KitchenState = {
    tickets: [],
    recentlyBumped: [],
    timing: { warnMinutes: 10, lateMinutes: 20 },
  };

  it('shows new tickets in arrival order, moves bumped ones to recall and brings recalled ones back', () => {
    const second = ticketView({ createdAt: '2026-03-06T20:05:00.000Z' });
    const first = ticketView({ createdAt: '2026-03-06T20:01:00.000Z' });
    let kitchen = applyKitchenEvent(empty, ticketCreated(1, 1, second));
    kitchen = applyKitchenEvent(kitchen, ticketCreated(2, 2, first));
    expect(kitchen.tickets.map((ticket) => ticket.id)).toEqual([first.id, second.id]);

    const bumped = { ...first, status: 'ready' as const, readyAt: '2026-03-06T20:12:00.000Z' };
    kitchen = applyKitchenEvent(kitchen, ticketUpdated(3, 3, bumped));
    expect(kitchen.tickets.map((ticket) => ticket.id)).toEqual([second.id]);
    expect(kitchen.recentlyBumped.map((ticket) => ticket.id)).toEqual([first.id]);

    const recalled = {
      ...first,
      status: 'preparing' as const,
      readyAt: null,
      recalledAt: '2026-03-06T20:13:00.000Z',
    };
    kitchen = applyKitchenEvent(kitchen, ticketUpdated(4, 4, recalled));
    expect(kitchen.tickets.map((ticket) => ticket.id)).toEqual([first.id, second.id]);
    expect(kitchen.recentlyBumped).toEqual([]);
  });

  it('keeps the last bumped tickets, newest first', () => {
    let kitchen = empty;
    for (let minute = 10; minute < 10 + RECENTLY_BUMPED_KEPT + 3; minute += 1) {
      const ticket = ticketView({ status: 'ready', readyAt: `2026-03-06T20:${minute}:00.000Z` });
      kitchen = applyKitchenEvent(kitchen, ticketUpdated(minute, minute, ticket));
    }
    expect(kitchen.recentlyBumped).toHaveLength(RECENTLY_BUMPED_KEPT);
    expect(kitchen.recentlyBumped[0]?.readyAt).toBe('2026-03-06T20:22:00.000Z');
  });

  it('recolours by the timing the branch just set', () => {
    const timing = { warnMinutes: 6, lateMinutes: 12 };
    const event = timingChanged(9, 4, timing);
    expect(applyKitchenEvent(empty, event)).toEqual({ ...empty, timing });
    expect(applyFloorEvent(floorFromOrders([]), event)).toEqual(floorFromOrders([]));
  });

  it('is not moved by order or sales events', () => {
    expect(applyKitchenEvent(empty, orderOpened(1, orderView()))).toBe(empty);
    expect(applyKitchenEvent(empty, salesChanged(2, uuid(), 'voided'))).toBe(empty);
  });
});
