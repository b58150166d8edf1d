/**
 * How a bill is split. Both rules hand the céntimos that do not divide evenly to the last
 * part, so the parts of a line, or of a bill, always add up to it exactly.
 */

/**
 * The amount of `units` more units of a line worth `netCents` for `quantity` units, of which
 * `paidUnits` were already charged: unit k of the line costs floor(net × k / qty) − floor(net ×
 * (k − 1) / qty), so paying all of them, in any grouping, sums to the line's net.
 */
export function unitsAmount(netCents: number, quantity: number, paidUnits: number, units: number): number {
  if (units < 0 || paidUnits < 0 || paidUnits + units > quantity) {
    throw new RangeError(`Cannot charge ${units} of ${quantity} units with ${paidUnits} paid`);
  }
  const upTo = (count: number) => Math.floor((netCents * count) / quantity);
  return upTo(paidUnits + units) - upTo(paidUnits);
}

/** What charging units of a line goes by: its net for its units, and what completed sales paid of it. */
export interface LineUnits {
  netCents: number;
  quantity: number;
  /** Units that completed sales paid. */
  paidQuantity: number;
  /** What those sales paid of the line. */
  paidCents: number;
}

/**
 * The amount of `units` more units of `line`, the one rule the server charges and every screen
 * shows. Unit k costs its place's price (`unitsAmount`), never more than is left of the line;
 * the last units cost exactly what is left — the line's net less what completed sales paid of
 * it. Without voids the two agree. After a void they may not: the units a voided sale paid are
 * owed again, but the units left are now the last places, which may carry another céntimo; what
 * is left is what the line still owes, so its parts add up to its net again, to the céntimo.
 */
export function lineUnitsAmount(line: LineUnits, units: number): number {
  const leftCents = line.netCents - line.paidCents;
  if (leftCents < 0) {
    throw new RangeError(`A line of ${line.netCents} cannot have ${line.paidCents} paid`);
  }
  const byPlace = unitsAmount(line.netCents, line.quantity, line.paidQuantity, units);
  return line.paidQuantity + units === line.quantity ? leftCents : Math.min(byPlace, leftCents);
}

/**
 * Part `index` (0-based) of `totalCents` split in `parts` equal parts: the total divided evenly,
 * rounded down, and the last part whatever is left. An order's money is frozen once its first
 * part is paid, so every part is taken from the same total.
 */
export function equalPartAmount(totalCents: number, parts: number, index: number): number {
  if (!Number.isInteger(parts) || parts < 1 || !Number.isInteger(index) || index < 0 || index >= parts) {
    throw new RangeError(`There is no part ${index + 1} of ${parts}`);
  }
  const even = Math.floor(totalCents / parts);
  return index === parts - 1 ? totalCents - even * (parts - 1) : even;
}

/** Every part of `totalCents` split in `parts` equal parts, in the order they are charged. */
export function equalParts(totalCents: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => equalPartAmount(totalCents, parts, index));
}

/**
 * A whole bill on the house (a cortesía): something was served, all of it 100 % off, nothing
 * paid. It is closed whole by a charge of nothing — its receipt, no tender. Any other part worth
 * nothing was charged already, or never ordered.
 */
export function isOnTheHouse(bill: {
  lines: readonly unknown[];
  totalCents: number;
  paidCents: number;
}): boolean {
  return bill.lines.length > 0 && bill.totalCents === 0 && bill.paidCents === 0;
}
