import type { KitchenItemStatus, TicketAdvanceInput, TicketView } from '@smartket/shared';
import { SvelteMap } from 'svelte/reactivity';
import { overlay, type ItemTap, type KitchenSource, type Overlay, type RecallTap } from './board-overlay.ts';
import { nowIso, TapLedger } from './tap-ledger.ts';
import { itemsMovedBy, reached } from './ticket-state.ts';

export type { KitchenSource } from './board-overlay.ts';

/** The server calls behind a tap. */
export interface KitchenActions {
  advance(ticketId: string, input: TicketAdvanceInput): Promise<TicketView>;
  recall(ticketId: string): Promise<TicketView>;
}

/** A tap the server refused (or never heard): what to tell the cook. */
export interface KitchenFailure {
  kind: 'item' | 'ticket' | 'recall';
  /** The item's name, or the ticket's label. */
  subject: string;
  error: unknown;
}

/**
 * How long a confirmed tap keeps showing on top of the feed while its event travels. The event
 * usually arrives before the HTTP answer; if it is later than this, the feed's truth shows.
 */
export const SETTLE_MS = 5000;

const NOTHING: Overlay = { onScreen: [], bumped: [] };

/**
 * The kitchen screen's tickets: the feed's, with the cook's taps shown at once. A tap changes
 * what is shown before the server answers; a refusal puts it back and says why. Every request
 * names the status it moves to, so a late or repeated one never moves anything a step too far.
 */
export class KitchenBoard {
  readonly #source: () => KitchenSource | null;
  readonly #actions: KitchenActions;
  readonly #onFailure: (failure: KitchenFailure) => void;
  /** itemId → the status a tap moved it to, until the feed shows it. */
  readonly #taps = new SvelteMap<string, ItemTap>();
  /** ticketId → the recall tap bringing it back. */
  readonly #recalls = new SvelteMap<string, RecallTap>();
  readonly #ledger = new TapLedger();
  #token = 0;

  constructor(
    source: () => KitchenSource | null,
    actions: KitchenActions,
    onFailure: (failure: KitchenFailure) => void,
  ) {
    this.#source = source;
    this.#actions = actions;
    this.#onFailure = onFailure;
  }

  readonly #shown = $derived.by(() => {
    const source = this.#source();
    return source ? overlay(source, this.#taps, this.#recalls) : NOTHING;
  });

  /** The tickets on the screen, in arrival order. */
  get tickets(): TicketView[] {
    return this.#shown.onScreen;
  }

  /** The last bumped tickets, newest first: what "Recuperar" offers. */
  get recentlyBumped(): TicketView[] {
    return this.#shown.bumped;
  }

  /** A tap on one item: pending → preparing → ready. */
  advanceItem(ticket: TicketView, itemId: string, to: KitchenItemStatus): void {
    if (this.#ledger.bounced(`item:${itemId}`)) {
      return;
    }
    const item = ticket.items.find((candidate) => candidate.id === itemId);
    if (!item || reached(item.status, to)) {
      return;
    }
    this.#send(ticket, [itemId], { to, itemIds: [itemId] }, { kind: 'item', subject: item.name });
  }

  /** A tap on the ticket's head, "Empezar" or "Listo": every item short of `to` moves to it. */
  advanceTicket(ticket: TicketView, to: KitchenItemStatus): void {
    if (this.#ledger.bounced(`ticket:${ticket.id}`)) {
      return;
    }
    const moved = itemsMovedBy(ticket, to);
    if (moved.length === 0) {
      return;
    }
    this.#send(ticket, moved, { to }, { kind: 'ticket', subject: ticket.orderLabel });
  }

  /** Brings a bumped ticket back to the screen. */
  recall(ticket: TicketView): void {
    if (this.#ledger.bounced(`recall:${ticket.id}`) || this.#recalls.has(ticket.id)) {
      return;
    }
    const token = ++this.#token;
    const fromServer =
      this.#source()?.recentlyBumped.some((candidate) => candidate.id === ticket.id) ?? false;
    this.#recalls.set(ticket.id, { token, readyAt: fromServer ? ticket.readyAt : undefined });
    // Taps on it still showing would hide the recall (they all said "ready").
    for (const item of ticket.items) {
      this.#taps.delete(item.id);
    }
    // A bump still on its way must reach the server first, or the recall finds nothing to recall.
    void this.#ledger.settled(ticket.id).then(() =>
      this.#actions.recall(ticket.id).then(
        () => this.#ledger.later(() => this.#forgetRecall(ticket.id, token), SETTLE_MS),
        (error: unknown) => {
          this.#forgetRecall(ticket.id, token);
          this.#onFailure({ kind: 'recall', subject: ticket.orderLabel, error });
        },
      ),
    );
  }

  /** Stops the timers (the screen is left). */
  dispose(): void {
    this.#ledger.dispose();
  }

  #send(
    ticket: TicketView,
    itemIds: string[],
    input: TicketAdvanceInput,
    failure: Omit<KitchenFailure, 'error'>,
  ): void {
    const token = ++this.#token;
    const at = nowIso();
    for (const id of itemIds) {
      this.#taps.set(id, { to: input.to, token, at });
    }
    const request = this.#actions.advance(ticket.id, input).then(
      () => this.#ledger.later(() => this.#forget(itemIds, token), SETTLE_MS),
      (error: unknown) => {
        this.#forget(itemIds, token);
        this.#onFailure({ ...failure, error });
      },
    );
    this.#ledger.track(ticket.id, request);
  }

  #forget(itemIds: readonly string[], token: number): void {
    for (const id of itemIds) {
      if (this.#taps.get(id)?.token === token) {
        this.#taps.delete(id);
      }
    }
  }

  #forgetRecall(ticketId: string, token: number): void {
    if (this.#recalls.get(ticketId)?.token === token) {
      this.#recalls.delete(ticketId);
    }
  }
}
