import { CASH_DENOMINATIONS, formatPen, type DenominationCount } from '@smartket/shared';

/** A Peruvian bill or coin, in céntimos. */
export type Denomination = (typeof CASH_DENOMINATIONS)[number];

/** How many of each bill and coin the cashier counted; a missing one is none. */
export type DenominationCounts = Partial<Record<Denomination, number>>;

/** The most of one bill or coin the server takes in a count. */
export const MAX_DENOMINATION_COUNT = 100_000;

/** S/ 200, 100, 50, 20 and 10 bills, largest first. */
export const BILLS: readonly Denomination[] = CASH_DENOMINATIONS.filter((value) => value >= 1000);
/** S/ 5, 2, 1, 0.50, 0.20 and 0.10 coins, largest first. */
export const COINS: readonly Denomination[] = CASH_DENOMINATIONS.filter((value) => value < 1000);

/** "S/ 200", "S/ 0.50": a bill or coin as printed on it, without céntimos when it has none. */
export function denominationLabel(value: Denomination): string {
  const text = formatPen(value);
  return value % 100 === 0 ? text.replace(/\.00$/, '') : text;
}

/** What the counted bills and coins add up to, in céntimos. */
export function countedCents(counts: DenominationCounts): number {
  return CASH_DENOMINATIONS.reduce((sum, value) => sum + value * (counts[value] ?? 0), 0);
}

/**
 * A count box's text as a number of pieces: digits only ("12", " 3 "), empty as none, null for
 * anything else (letters, decimals, more than the server takes).
 */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 0;
  }
  if (!/^\d+$/.test(trimmed)) {
    return null;
  }
  const count = Number(trimmed);
  return count <= MAX_DENOMINATION_COUNT ? count : null;
}

/** The count as the close sends it: each bill or coin counted at least once, largest first. */
export function denominationInput(counts: DenominationCounts): DenominationCount[] {
  return CASH_DENOMINATIONS.flatMap((valueCents) => {
    const count = counts[valueCents] ?? 0;
    return count > 0 ? [{ valueCents, count }] : [];
  });
}
