import type { FieldIssueCode } from '@smartket/shared';
import { ApiError } from '../../api/client.ts';

/** Per API field, the screen's own message for some issue codes. */
export type FieldMessageOverrides = Readonly<Record<string, Partial<Record<FieldIssueCode, string>>>>;

/**
 * The same error with the field messages a screen can say better: `name: taken` on a category
 * becomes "Ya tienes una categoría con ese nombre" instead of the generic "Ya existe otro…".
 * `rename` moves a field's message to another key (the category's `name` under the box where the
 * owner typed it). Anything that is not an `ApiError` comes back as it was.
 */
export function withFieldMessages(
  error: unknown,
  overrides: FieldMessageOverrides,
  rename: Readonly<Record<string, string>> = {},
): unknown {
  if (!(error instanceof ApiError) || !error.hasFieldErrors) {
    return error;
  }
  const fields: Record<string, string> = {};
  const fieldCodes: Record<string, FieldIssueCode> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const code = error.fieldCodes[field];
    const target = rename[field] ?? field;
    fields[target] = (code && overrides[field]?.[code]) || message;
    if (code) {
      fieldCodes[target] = code;
    }
  }
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    fields,
    fieldCodes,
    retryAfter: error.retryAfter,
    details: { ...error.details },
  });
}
