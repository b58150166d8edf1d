import { z } from 'zod';

/**
 * Stable error codes of the API. The client maps each one to a message in the user's language,
 * so a code never changes meaning once released.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'MALFORMED_JSON',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'FOREIGN_ORIGIN',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'NO_ACTIVE_TENANT',
  'PROVISIONING_FAILED',
  'TRIAL_EXPIRED',
  'PLAN_LIMIT_REACHED',
  'MODULE_NOT_IN_PLAN',
  'SETUP_INCOMPLETE',
  'CONFLICT',
  'INVALID_FILE',
  'IMPORT_REJECTED',
  'DEVICE_NOT_PAIRED',
  'DEVICE_REVOKED',
  'STAFF_SIGN_IN_REQUIRED',
  'INVALID_PIN',
  'PIN_LOCKED',
  'PAIRING_CODE_INVALID',
  'PAIRING_CODE_EXPIRED',
  'PAIRING_CODE_USED',
  'INVITATION_INVALID',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
  'INVITATION_EMAIL_MISMATCH',
  'ACCOUNT_EXISTS',
  'LAST_OWNER',
  'TABLE_OCCUPIED',
  'TABLE_IN_USE',
  'BRANCH_IN_USE',
  'ORDER_CLOSED',
  'PRODUCT_UNAVAILABLE',
  'ITEM_NOT_READY',
  'ORDER_CHANGED',
  'ORDER_PAYING',
  'CASH_SESSION_CLOSED',
  'CASH_SESSION_OPEN',
  'CUSTOMER_EXISTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why one field was refused; `params` carries the numbers a message needs (e.g. `min`). */
export const FIELD_ISSUE_CODES = [
  'required',
  'invalid_type',
  'invalid_email',
  'too_short',
  'too_long',
  'invalid_value',
  'password_equals_email',
  'password_common',
  'email_taken',
  'unknown_field',
  'ruc_length',
  'ruc_prefix',
  'ruc_check_digit',
  'invalid_price',
  'duplicate',
  'taken',
  'unknown_category',
  'unknown_station',
  'unknown_reference',
  'min_above_max',
  'limit_reached',
  'step_missing',
  'pin_format',
  'pin_too_simple',
  'already_member',
  'unavailable',
  'options_invalid',
  'dni_invalid',
  'ruc_required',
  'factura_needs_ruc',
  'payments_mismatch',
  'denominations_mismatch',
  'more_than_left',
  'bill_too_large',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

export const FieldIssue = z.object({
  code: z.enum(FIELD_ISSUE_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), FieldIssue).optional(),
    /** Extra numbers or lists an error carries, e.g. the row issues of a refused import. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
