import type { ErrorCode, FieldIssue } from '@smartket/shared';

/**
 * The one error type a request can end with. Its code is stable and the client turns it into
 * the user's language; `message` is for developers and logs.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, FieldIssue> | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    options: {
      fields?: Record<string, FieldIssue>;
      headers?: Record<string, string>;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = status;
    this.fields = options.fields;
    this.headers = options.headers;
    this.details = options.details;
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', 404, `${what} not found`);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401, 'Sign in to continue');
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', 403, message);
