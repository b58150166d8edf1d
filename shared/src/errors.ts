import { z } from 'zod';

/**
 * Stable error codes of the API. The client maps each one to a message in the user's language,
 * so a code never changes meaning once released.
 */
export const ERROR_CODES = [
  'bad_request',
  'malformed_json',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'foreign_origin',
  'not_found',
  'email_taken',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'no_active_tenant',
  'provisioning_failed',
  'service_unavailable',
  'internal_error',
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
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
