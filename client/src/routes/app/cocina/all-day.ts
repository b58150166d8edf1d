import type { TicketView } from '@smartket/shared';

/** One line of the "all day" summary: how many of a dish, with the same options, are still to make. */
export interface AllDayLine {
  /** Product name and options: the same dish with other options is another line. */
  key: string;
  name: string;
  options: string[];
  /** Not started yet. */
  pending: number;
  /** Being made. */
  preparing: number;
  total: number;
}

/**
 * What the station still has to make, summed across the tickets on screen: "1/4 de pollo · Pecho
 * × 7". Ready, served and voided items are done; most first, then by name.
 */
export function allDay(tickets: readonly TicketView[]): AllDayLine[] {
  const lines = new Map<string, AllDayLine>();
  for (const ticket of tickets) {
    for (const item of ticket.items) {
      if (item.status !== 'pending' && item.status !== 'preparing') {
        continue;
      }
      const key = [item.name, ...item.options].join('\u0000');
      let line = lines.get(key);
      if (!line) {
        line = { key, name: item.name, options: item.options, pending: 0, preparing: 0, total: 0 };
        lines.set(key, line);
      }
      line[item.status] += item.quantity;
      line.total += item.quantity;
    }
  }
  return [...lines.values()].sort(
    (a, b) =>
      b.total - a.total ||
      a.name.localeCompare(b.name, 'es') ||
      a.options.join(' ').localeCompare(b.options.join(' '), 'es'),
  );
}
