import { formatPen } from '@smartket/shared';

// Money as the screens write it; the amounts and `formatPen` itself come from `@smartket/shared`.

/**
 * "S/ 31.80" for inside a sentence or a button's words: a non-breaking space after the "S/", so a
 * narrow phone never leaves the sign at the end of one line and the amount on the next.
 */
export function formatPenInline(cents: number): string {
  return formatPen(cents).replace(' ', '\u00a0');
}
