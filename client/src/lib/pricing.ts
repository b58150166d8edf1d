/**
 * Plan prices in céntimos (IGV included), shown through `formatPen`. They live here until
 * billing exists; then they move to `@smartket/shared` so the server charges the same numbers.
 */
export const PRO_MONTHLY_CENTS = 8900;
export const TRIAL_PRICE_CENTS = 0;
