import type { ItemStatus, TicketItemView, TicketView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { ticketView, uuid } from '#lib/testing/fixtures.ts';
import { overlay, RECALL_LIMIT, type ItemTap, type RecallTap } from './board-overlay.ts';

const TAPPED_AT = '2026-03-06T20:09:00.000Z';

function item(status: ItemStatus = 'pending'): TicketItemView {
  return { id: uuid(), name: '1/4 de pollo', quantity: 1, options: [], note: null, status };
}

/** A ticket the kitchen bumped: every dish ready, none served yet. */
function bumpedTicket(overrides: Partial<TicketView> = {}): TicketView {
  return ticketView({ status: 'ready', items: [item('ready')], ...overrides });
}

function tap(to: ItemTap['to'], at = TAPPED_AT): ItemTap {
  return { to, token: 1, at };
}

function ids(tickets: readonly TicketView[]): string[] {
  return tickets.map((ticket) => ticket.id);
}

const NO_TAPS = new Map<string, ItemTap>();
const NO_RECALLS = new Map<string, RecallTap>();

describe('kitchen board overlay', () => {
  it('shows the feed as it is when nothing was tapped, oldest first', () => {
    const late = ticketView({ createdAt: '2026-03-06T20:05:00.000Z' });
    const early = ticketView({ createdAt: '2026-03-06T20:01:00.000Z' });
    const bumped = bumpedTicket({ readyAt: '2026-03-06T20:03:00.000Z' });
    const shown = overlay({ tickets: [late, early], recentlyBumped: [bumped] }, NO_TAPS, NO_RECALLS);
    expect(ids(shown.onScreen)).toEqual([early.id, late.id]);
    expect(shown.onScreen[0]).toBe(early);
    expect(ids(shown.bumped)).toEqual([bumped.id]);
  });

  it('shows a tapped item at its new status and the ticket as started', () => {
    const [first, second] = [item(), item()];
    const ticket = ticketView({ items: [first, second] });
    const shown = overlay(
      { tickets: [ticket], recentlyBumped: [] },
      new Map([[first.id, tap('preparing')]]),
      NO_RECALLS,
    );
    expect(shown.onScreen[0]?.status).toBe('preparing');
    expect(shown.onScreen[0]?.items.map((dish) => dish.status)).toEqual(['preparing', 'pending']);
  });

  it('takes a ticket whose every standing item is tapped ready off the screen, first in the recall list', () => {
    const [dish, voided] = [item(), item('voided')];
    const ticket = ticketView({ items: [dish, voided] });
    const older = bumpedTicket({ readyAt: '2026-03-06T20:02:00.000Z' });
    const shown = overlay(
      { tickets: [ticket], recentlyBumped: [older] },
      new Map([[dish.id, tap('ready')]]),
      NO_RECALLS,
    );
    expect(shown.onScreen).toEqual([]);
    expect(ids(shown.bumped)).toEqual([ticket.id, older.id]);
    expect(shown.bumped[0]).toMatchObject({ status: 'ready', readyAt: TAPPED_AT });
  });

  it('lets the feed win once it shows the tap, and never moves an item back', () => {
    const dish = item('ready');
    const ticket = ticketView({ status: 'preparing', items: [dish, item('preparing')] });
    const shown = overlay(
      { tickets: [ticket], recentlyBumped: [] },
      new Map([[dish.id, tap('preparing')]]),
      NO_RECALLS,
    );
    expect(shown.onScreen[0]).toBe(ticket);
  });

  it('brings a recalled ticket back in its arrival place, its ready dishes preparing again', () => {
    const onScreen = ticketView({ createdAt: '2026-03-06T20:06:00.000Z' });
    const readyAt = '2026-03-06T20:04:00.000Z';
    const bumped = ticketView({
      createdAt: '2026-03-06T20:01:00.000Z',
      status: 'ready',
      readyAt,
      items: [item('ready'), item('served')],
    });
    const shown = overlay(
      { tickets: [onScreen], recentlyBumped: [bumped] },
      NO_TAPS,
      new Map([[bumped.id, { token: 1, readyAt }]]),
    );
    expect(ids(shown.onScreen)).toEqual([bumped.id, onScreen.id]);
    expect(shown.onScreen[0]).toMatchObject({ status: 'preparing', readyAt: null });
    expect(shown.onScreen[0]?.items.map((dish) => dish.status)).toEqual(['preparing', 'served']);
    expect(shown.bumped).toEqual([]);
  });

  it('does not bring back a ticket bumped again after its recall', () => {
    const bumped = bumpedTicket({ readyAt: '2026-03-06T20:08:00.000Z' });
    const shown = overlay(
      { tickets: [], recentlyBumped: [bumped] },
      NO_TAPS,
      new Map([[bumped.id, { token: 1, readyAt: '2026-03-06T20:04:00.000Z' }]]),
    );
    expect(shown.onScreen).toEqual([]);
    expect(ids(shown.bumped)).toEqual([bumped.id]);
  });

  it('offers no ticket whose dishes were all served or voided: recall has nothing to bring back', () => {
    const served = bumpedTicket({ items: [item('served'), item('voided')] });
    const halfServed = bumpedTicket({ items: [item('served'), item('ready')] });
    const shown = overlay({ tickets: [], recentlyBumped: [served, halfServed] }, NO_TAPS, NO_RECALLS);
    expect(ids(shown.bumped)).toEqual([halfServed.id]);
  });

  it('offers the last ten bumped at most', () => {
    const bumped = Array.from({ length: RECALL_LIMIT }, () => bumpedTicket({ readyAt: TAPPED_AT }));
    const dish = item();
    const ticket = ticketView({ items: [dish] });
    const shown = overlay(
      { tickets: [ticket], recentlyBumped: bumped },
      new Map([[dish.id, tap('ready', '2026-03-06T20:10:00.000Z')]]),
      NO_RECALLS,
    );
    expect(shown.bumped).toHaveLength(RECALL_LIMIT);
    expect(shown.bumped[0]?.id).toBe(ticket.id);
  });
});
