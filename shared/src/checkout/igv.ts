/**
 * IGV (18 %) of a document whose prices already include it. One rule for screen, receipt and
 * reports: the taxable base is the document total divided by 1.18, rounded half up to the
 * céntimo, and the IGV is what is left — so base + IGV is always the total. Reports add up
 * each sale's stored figures; they never recompute them from a sum.
 */
export const IGV_PERCENT = 18;

export interface IgvBreakdown {
  totalCents: number;
  /** "Op. gravada": the total without IGV. */
  taxableCents: number;
  igvCents: number;
}

export function igvBreakdown(totalCents: number): IgvBreakdown {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) {
    throw new RangeError(`A document total is whole, non-negative céntimos, got ${totalCents}`);
  }
  const divisor = 100 + IGV_PERCENT;
  // round(total × 100 / 118), half up, in integers: no float ever touches money.
  const taxableCents = Math.floor((totalCents * 100 + divisor / 2) / divisor);
  return { totalCents, taxableCents, igvCents: totalCents - taxableCents };
}
