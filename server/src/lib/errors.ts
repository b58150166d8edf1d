import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ErrorCode, FieldIssue, FieldIssueCode } from '@smartket/shared';

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

/** One 422 VALIDATION_FAILED naming one field, as `validate()` names the fields it refuses. */
export function fieldError(
  field: string,
  code: FieldIssueCode,
  message: string,
  params?: FieldIssue['params'],
): AppError {
  return new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${field}`, {
    fields: { [field]: params ? { code, message, params } : { code, message } },
  });
}

/**
 * Runs `work`. When a unique index stops it — two requests that both passed the same check —
 * `answer` turns the index's name into the error the check itself would have given; a violation
 * it does not answer, and any other error, is thrown as it was.
 */
export async function answerUniqueViolation<T>(
  work: () => Promise<T>,
  answer: (index: string) => AppError | undefined,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const index = violatedIndex(error);
    const answered = index === undefined ? undefined : answer(index);
    if (answered) {
      throw answered;
    }
    throw error;
  }
}

/** The unique index `error` broke ('' when PostgreSQL did not name it); undefined for any other error. */
export function violatedIndex(error: unknown): string | undefined {
  if (!(error instanceof UniqueConstraintViolationException)) {
    return undefined;
  }
  return 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : '';
}
