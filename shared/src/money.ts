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

/** The highest price a product, option or line may have: S/ 99,999.99. */
export const MAX_PRICE_CENTS = 9_999_999;

/**
 * Reads a price the way people type it in Peru — `12.50`, `12,50`, `S/ 12.50`, `1,250.00`,
 * `1.250,00` — or a spreadsheet number, into integer céntimos. Returns null for anything that is
 * not an amount with at most two decimals between 0 and `MAX_PRICE_CENTS`.
 */
export function parsePriceToCents(input: string | number): number | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      return null;
    }
    const cents = Math.round(input * 100);
    // 12.505 is not a price; float noise like 12.499999999 is.
    return Math.abs(cents - input * 100) < 1e-6 ? withinPriceRange(cents) : null;
  }
  const text = input
    .trim()
    .replace(/^s\/\.?\s*/i, '')
    .replace(/\s/g, '');
  // A thousands separator only counts next to a decimal one of the other kind (`1,250.00`):
  // alone, `1,250` could be either, so it is refused rather than guessed.
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  const grouped = /^(\d{1,3}(?:([.,])\d{3})+)([.,])(\d{1,2})$/.exec(text);
  let whole: string;
  let decimals: string;
  if (plain) {
    whole = plain[1] ?? '';
    decimals = plain[2] ?? '';
  } else if (grouped && grouped[2] !== grouped[3]) {
    whole = (grouped[1] ?? '').replace(/[.,]/g, '');
    decimals = grouped[4] ?? '';
  } else {
    return null;
  }
  const soles = Number(whole);
  return withinPriceRange(soles * 100 + Number(decimals.padEnd(2, '0')));
}

function withinPriceRange(cents: number): number | null {
  return Number.isSafeInteger(cents) && cents >= 0 && cents <= MAX_PRICE_CENTS ? cents : null;
}
