import { ErrorBody, type ErrorCode, type FieldIssue } from '@smartket/shared';
import type { z } from 'zod';
import { hasMessage, t } from '../i18n/index.ts';

/** API error codes plus the two that only the client can observe. */
export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

/**
 * A failed API call, already in the user's language: `message` for a banner, `fields` for
 * messages under each input (keyed by the API's field name).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly fields: Readonly<Record<string, string>>;
  readonly fieldCodes: Readonly<Record<string, FieldIssue['code']>>;
  /** Seconds to wait, from `Retry-After` on a 429. */
  readonly retryAfter: number | undefined;
  /** What the error carries beyond a message, e.g. the row issues of a refused import. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    fields?: Record<string, string>;
    fieldCodes?: Record<string, FieldIssue['code']>;
    retryAfter?: number | undefined;
    details?: Record<string, unknown> | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.fieldCodes = init.fieldCodes ?? {};
    this.retryAfter = init.retryAfter;
    this.details = init.details ?? {};
  }

  /** True when the problem is one of the fields, not the request as a whole. */
  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

/** The message for an error code in the active language. */
export function errorMessage(code: ClientErrorCode, retryAfter?: number): string {
  if (code === 'RATE_LIMITED' && retryAfter !== undefined && retryAfter > 0) {
    const wait =
      retryAfter < 60
        ? t('duration.seconds', { count: retryAfter })
        : t('duration.minutes', { count: Math.ceil(retryAfter / 60) });
    return t('errors.rate_limited_wait', { wait });
  }
  const key = `errors.${code}`;
  return hasMessage(key) ? t(key) : t('errors.INTERNAL_ERROR');
}

/** The message for one field issue, e.g. `too_short` with `{ min: 10 }`. */
export function fieldMessage(issue: Pick<FieldIssue, 'code' | 'params'>): string {
  const key = `fieldErrors.${issue.code}`;
  return hasMessage(key) ? t(key, issue.params) : t('fieldErrors.invalid_value');
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.ceil(seconds));
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) {
    // A proxy or a crashed server answered: judge by the status alone.
    const code: ClientErrorCode =
      response.status === 429
        ? 'RATE_LIMITED'
        : response.status === 401
          ? 'UNAUTHENTICATED'
          : response.status >= 500
            ? 'SERVICE_UNAVAILABLE'
            : 'bad_response';
    return new ApiError({
      status: response.status,
      code,
      message: errorMessage(code, retryAfter),
      retryAfter,
    });
  }
  const { code, fields, details } = parsed.data.error;
  for (const listener of errorListeners.get(code) ?? []) {
    listener();
  }
  const fieldMessages: Record<string, string> = {};
  const fieldCodes: Record<string, FieldIssue['code']> = {};
  for (const [name, issue] of Object.entries(fields ?? {})) {
    fieldMessages[name] = fieldMessage(issue);
    fieldCodes[name] = issue.code;
  }
  // email_taken arrives as a request code with the field named: show it under the field too.
  if (code === 'EMAIL_TAKEN' && !fieldMessages.email) {
    fieldMessages.email = fieldMessage({ code: 'email_taken' });
    fieldCodes.email = 'email_taken';
  }
  return new ApiError({
    status: response.status,
    code,
    message: errorMessage(code, retryAfter),
    fields: fieldMessages,
    fieldCodes,
    retryAfter,
    details,
  });
}

/** The refusals the app shell hears whichever request met them first. */
type ShellErrorCode = 'TRIAL_EXPIRED' | 'DEVICE_REVOKED';

const errorListeners = new Map<string, Set<() => void>>();

/**
 * Calls `listener` whenever the API answers with `code`, from any request: 402 `TRIAL_EXPIRED`
 * (the trial ended while the app was open: the lock screen) or 401 `DEVICE_REVOKED` (the owner
 * unpaired this device, maybe while it was offline: the server forgets the credential with that
 * answer, so it is the only time the app hears why). Returns the unsubscribe function.
 */
export function onApiError(code: ShellErrorCode, listener: () => void): () => void {
  const listeners = errorListeners.get(code) ?? new Set<() => void>();
  errorListeners.set(code, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  /** SvelteKit's `fetch` inside a `load`; the global one elsewhere. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A file sent as the raw request body, with its own content type. */
export interface RawBody {
  file: Blob;
  contentType: string;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'file' in body && body.file instanceof Blob;
}

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : {
            accept: 'application/json',
            'content-type': isRawBody(body) ? body.contentType : 'application/json',
          },
  };
  if (body !== undefined) {
    init.body = isRawBody(body) ? body.file : JSON.stringify(body);
  }
  if (options.signal) {
    init.signal = options.signal;
  }
  try {
    return await doFetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError({ status: 0, code: 'network', message: errorMessage('network') });
  }
}

async function parse<Schema extends z.ZodType>(response: Response, schema: Schema): Promise<z.infer<Schema>> {
  if (!response.ok) {
    throw await toApiError(response);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: errorMessage('bad_response'),
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: errorMessage('bad_response'),
    });
  }
  return parsed.data;
}

/** A call that sends `body` with `method` and parses the answer with `schema`. */
function sendingBody<Body>(method: 'POST' | 'PUT' | 'PATCH') {
  return async <Schema extends z.ZodType>(
    path: string,
    body: Body,
    schema: Schema,
    options: RequestOptions = {},
  ): Promise<z.infer<Schema>> => parse(await send(method, path, body, options), schema);
}

/** A call whose answer has no body (204): it only fails or not. */
function expectingNoBody(method: 'POST' | 'PUT' | 'DELETE') {
  return async (path: string, body?: unknown, options: RequestOptions = {}): Promise<void> => {
    const response = await send(method, path, body, options);
    if (!response.ok) {
      throw await toApiError(response);
    }
  };
}

/**
 * The one way the client talks to the JSON API. Success bodies are checked against the shared
 * zod schema; failures throw an `ApiError` with messages already translated.
 */
export const api = {
  /** GET `path`, answer parsed with `schema`. */
  async get<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    options: RequestOptions = {},
  ): Promise<z.infer<Schema>> {
    return parse(await send('GET', path, undefined, options), schema);
  },

  /** POST a JSON `body`. */
  post: sendingBody<unknown>('POST'),
  /** PUT a JSON `body` (replace a whole step or record). */
  put: sendingBody<unknown>('PUT'),
  /** PATCH some fields of a record. */
  patch: sendingBody<unknown>('PATCH'),
  /** POST a file as the raw body (spreadsheet import). */
  upload: sendingBody<RawBody>('POST'),

  /** POST expecting no body back (204), e.g. logout. */
  postEmpty: expectingNoBody('POST'),
  /** PUT expecting no body back (204), e.g. a staff member's new PIN. */
  putEmpty: expectingNoBody('PUT'),
  /** DELETE (204), e.g. taking a member's access away. */
  deleteEmpty: expectingNoBody('DELETE'),
};
