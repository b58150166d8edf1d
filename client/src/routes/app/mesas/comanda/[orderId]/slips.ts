import type { OrderItemView, OrderRoundView, OrderView } from '@smartket/shared';

/** One kitchen ticket as printed: a round's items for one station. */
export interface Slip {
  ticketId: string;
  stationId: string | null;
  items: OrderItemView[];
}

/** The round to print: the one asked for by number, else the last one sent. */
export function roundToPrint(order: Pick<OrderView, 'rounds'>, asked: number | null): OrderRoundView | null {
  const rounds = [...order.rounds].sort((a, b) => a.number - b.number);
  return rounds.find((round) => round.number === asked) ?? rounds.at(-1) ?? null;
}

/**
 * The slips of one round, one per ticket (the server splits a round into one ticket per
 * station), in the order the items were taken; stations in the order `stationOrder` lists
 * them, the station-less ticket last.
 */
export function roundSlips(
  order: Pick<OrderView, 'items'>,
  roundId: string,
  stationOrder: readonly string[],
): Slip[] {
  const slips = new Map<string, Slip>();
  for (const item of order.items) {
    if (item.roundId !== roundId) {
      continue;
    }
    const slip = slips.get(item.ticketId) ?? {
      ticketId: item.ticketId,
      stationId: item.stationId,
      items: [],
    };
    slip.items.push(item);
    slips.set(item.ticketId, slip);
  }
  const rank = (slip: Slip): number => {
    const index = slip.stationId === null ? -1 : stationOrder.indexOf(slip.stationId);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...slips.values()].sort((a, b) => rank(a) - rank(b));
}
