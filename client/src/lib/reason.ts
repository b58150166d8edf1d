import type { z } from 'zod';
import { checkField } from './validation.ts';

/**
 * The browser's check of a reason field (voids, discounts, cash movements), with the rule the
 * server applies (`schema`, the input's `reason`). A blank one says what is missing in the
 * dialog's own words (`required`) rather than the generic "Completa este campo".
 */
export function reasonError(value: string, schema: z.ZodType, required: string): string | undefined {
  return value.trim() === '' ? required : checkField(schema, value);
}
