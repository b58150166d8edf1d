/**
 * Peruvian taxpayer numbers (RUC): 11 digits, a known prefix (10 people, 15 and 17 special
 * cases, 20 companies) and a modulo-11 check digit over the first ten.
 */
export const RUC_PREFIXES = ['10', '15', '17', '20'] as const;

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export type RucProblem = 'ruc_length' | 'ruc_prefix' | 'ruc_check_digit';

/** The check digit SUNAT expects for the first ten digits of a RUC. */
export function rucCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let index = 0; index < RUC_WEIGHTS.length; index += 1) {
    sum += Number(firstTen[index]) * (RUC_WEIGHTS[index] ?? 0);
  }
  const digit = 11 - (sum % 11);
  return digit === 10 ? 0 : digit === 11 ? 1 : digit;
}

/** Why a RUC is not valid, or null when it is. Spaces are not accepted: callers trim first. */
export function rucProblem(ruc: string): RucProblem | null {
  if (!/^\d{11}$/.test(ruc)) {
    return 'ruc_length';
  }
  if (!(RUC_PREFIXES as readonly string[]).includes(ruc.slice(0, 2))) {
    return 'ruc_prefix';
  }
  return rucCheckDigit(ruc.slice(0, 10)) === Number(ruc[10]) ? null : 'ruc_check_digit';
}
