/**
 * Money is integer céntimos everywhere; only presentation turns it into soles.
 * `formatPen(1250)` → `S/ 12.50`.
 */
export function formatPen(cents: number): string {
  if (!Number.isInteger(cents)) {
    throw new RangeError(`Money must be integer céntimos, got ${cents}`);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const soles = Math.trunc(abs / 100).toLocaleString('en-US');
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}S/ ${soles}.${rest}`;
}
