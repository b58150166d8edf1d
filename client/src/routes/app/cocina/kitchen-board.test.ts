import type { TicketAdvanceInput, TicketItemView, TicketView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ticketView, uuid } from '#lib/testing/fixtures.ts';
import { KitchenBoard, SETTLE_MS, type KitchenFailure, type KitchenSource } from './kitchen-board.svelte.ts';

interface Call<T> {
  ticketId: string;
  input: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The server, answering when the test says so. */
class FakeServer {
  advances: Call<TicketAdvanceInput>[] = [];
  recalls: Call<null>[] = [];
  readonly log: string[] = [];

  advance = (ticketId: string, input: TicketAdvanceInput): Promise<TicketView> =>
    new Promise((resolve, reject) => {
      this.log.push(`advance:${input.to}`);
      this.advances.push({ ticketId, input, resolve: () => resolve(ticketView()), reject });
    });

  recall = (ticketId: string): Promise<TicketView> =>
    new Promise((resolve, reject) => {
      this.log.push('recall');
      this.recalls.push({ ticketId, input: null, resolve: () => resolve(ticketView()), reject });
    });
}

function dish(name: string): TicketItemView {
  return { id: uuid(), name, quantity: 1, options: [], note: null, status: 'pending' };
}

/** Lets the promise callbacks of answered requests run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    await Promise.resolve();
  }
}

/** The ticket as the feed shows it once the kitchen bumped it: every dish ready. */
function bumpedAt(ticket: TicketView, readyAt: string): TicketView {
  const items = ticket.items.map((item) => ({ ...item, status: 'ready' as const }));
  return { ...ticket, status: 'ready', readyAt, items };
}

describe('kitchen board taps', () => {
  let server: FakeServer;
  let failures: KitchenFailure[];
  let source: KitchenSource;
  let board: KitchenBoard;
  const pollo = dish('1/4 de pollo');
  const papas = dish('Papas fritas');
  const ticket = ticketView({ orderLabel: 'Mesa 4', items: [pollo, papas] });

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-06T20:05:00.000Z') });
    server = new FakeServer();
    failures = [];
    source = { tickets: [ticket], recentlyBumped: [] };
    board = new KitchenBoard(
      () => source,
      server,
      (failure) => failures.push(failure),
    );
  });

  afterEach(() => {
    board.dispose();
    vi.useRealTimers();
  });

  it('shows a tapped item started at once and names the status in the request', () => {
    board.advanceItem(ticket, pollo.id, 'preparing');
    expect(board.tickets[0]?.items.map((item) => item.status)).toEqual(['preparing', 'pending']);
    expect(board.tickets[0]?.status).toBe('preparing');
    expect(server.advances.map((call) => call.input)).toEqual([{ to: 'preparing', itemIds: [pollo.id] }]);
  });

  it('puts a refused tap back and says which dish and why', async () => {
    board.advanceItem(ticket, pollo.id, 'preparing');
    server.advances[0]?.reject(new Error('offline'));
    await settle();
    expect(board.tickets[0]?.items.map((item) => item.status)).toEqual(['pending', 'pending']);
    expect(failures).toEqual([{ kind: 'item', subject: '1/4 de pollo', error: new Error('offline') }]);
  });

  it('takes a double tap as one tap, so nothing skips a step', () => {
    board.advanceItem(board.tickets[0]!, pollo.id, 'preparing');
    vi.advanceTimersByTime(200);
    board.advanceItem(board.tickets[0]!, pollo.id, 'ready');
    expect(server.advances).toHaveLength(1);
    vi.advanceTimersByTime(600);
    board.advanceItem(board.tickets[0]!, pollo.id, 'ready');
    expect(server.advances.map((call) => call.input.to)).toEqual(['preparing', 'ready']);
  });

  it('bumps a ticket off the screen on "Listo" and brings it back if the server refuses', async () => {
    board.advanceTicket(ticket, 'ready');
    expect(board.tickets).toEqual([]);
    expect(board.recentlyBumped.map((shown) => shown.id)).toEqual([ticket.id]);
    expect(server.advances[0]?.input).toEqual({ to: 'ready' });

    server.advances[0]?.reject(new Error('409'));
    await settle();
    expect(board.tickets.map((shown) => shown.id)).toEqual([ticket.id]);
    expect(failures.map((failure) => [failure.kind, failure.subject])).toEqual([['ticket', 'Mesa 4']]);
  });

  it('keeps a confirmed tap on screen until the feed shows it, then lets the feed speak', async () => {
    board.advanceTicket(ticket, 'preparing');
    server.advances[0]?.resolve();
    await settle();
    expect(board.tickets[0]?.status).toBe('preparing');
    vi.advanceTimersByTime(SETTLE_MS);
    // The event never came: after a while the screen shows what the feed says.
    expect(board.tickets[0]?.status).toBe('pending');
  });

  it('shows a recalled ticket at once, and sends the recall after a bump still on its way', async () => {
    board.advanceTicket(ticket, 'ready');
    board.recall(board.recentlyBumped[0]!);
    expect(server.log).toEqual(['advance:ready']);

    server.advances[0]?.resolve();
    await settle();
    expect(server.log).toEqual(['advance:ready', 'recall']);
    // The bump reached the feed meanwhile: the recall still shows the ticket.
    source = {
      tickets: [],
      recentlyBumped: [bumpedAt(ticket, '2026-03-06T20:05:01.000Z')],
    };
    board = new KitchenBoard(
      () => source,
      server,
      (failure) => failures.push(failure),
    );
    board.recall(source.recentlyBumped[0]!);
    expect(board.tickets.map((shown) => [shown.id, shown.status])).toEqual([[ticket.id, 'preparing']]);
    expect(board.recentlyBumped).toEqual([]);
  });

  it('puts a refused recall back in the recall list', async () => {
    const bumped = bumpedAt(ticket, '2026-03-06T20:04:00.000Z');
    source = { tickets: [], recentlyBumped: [bumped] };
    board.recall(bumped);
    await settle();
    expect(board.tickets.map((shown) => shown.id)).toEqual([ticket.id]);
    server.recalls[0]?.reject(new Error('409'));
    await settle();
    expect(board.tickets).toEqual([]);
    expect(board.recentlyBumped.map((shown) => shown.id)).toEqual([ticket.id]);
    expect(failures.map((failure) => failure.kind)).toEqual(['recall']);
  });
});
