import type { FieldIssue, FieldIssueCode } from '@smartket/shared';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';

type Source = 'body' | 'query' | 'params';

/** The body of an action that takes none: absent or `{}`; any field is an unknown one (422). */
export const EmptyBody = z.strictObject({});

/**
 * Validates one part of the request with a shared zod schema. The parsed value is kept in
 * `res.locals.input`, so a handler sees only validated input, never `req.body`.
 */
export function validate<Schema extends z.ZodType>(schema: Schema, source: Source = 'body') {
  return (req: Request, res: Response, next: NextFunction): void => {
    // With the input on each issue, a field of the wrong type is told apart from a missing one.
    const result = schema.safeParse(req[source] ?? {}, { reportInput: true });
    if (!result.success) {
      next(validationError(result.error));
      return;
    }
    const unstorable = nulPaths(result.data);
    if (unstorable.length > 0) {
      next(nulError(unstorable));
      return;
    }
    res.locals.input = result.data;
    next();
  };
}

/**
 * Where a string holds a NUL character, which PostgreSQL cannot store in text: refused here as
 * the field's fault, instead of a 500 from the database halfway through a write.
 */
function nulPaths(value: unknown, path: readonly (string | number)[] = []): string[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [path.join('.') || '_'] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((each, index) => nulPaths(each, [...path, index]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, each]) => nulPaths(each, [...path, key]));
  }
  return [];
}

function nulError(paths: readonly string[]): AppError {
  const fields = Object.fromEntries(
    paths.map((path): [string, FieldIssue] => [
      path,
      { code: 'invalid_value', message: 'Contains a NUL character' },
    ]),
  );
  return new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${paths.join(', ')}`, { fields });
}

/** The validated input stored by `validate()`, typed by the schema it was checked with. */
export function inputOf<Schema extends z.ZodType>(res: Response, _schema: Schema): z.infer<Schema> {
  return res.locals.input as z.infer<Schema>;
}

/** One 422 naming every field at fault, with a stable code per field. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, FieldIssue> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? '' : '_');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields[[path, key].filter(Boolean).join('.')] ??= { code: 'unknown_field', message: 'Unknown field' };
      }
      continue;
    }
    fields[path] ??= describeIssue(issue);
  }
  const names = Object.keys(fields).join(', ');
  return new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${names}`, { fields });
}

function describeIssue(issue: z.core.$ZodIssue): FieldIssue {
  const field = (code: FieldIssueCode, message: string, params?: FieldIssue['params']): FieldIssue =>
    params ? { code, message, params } : { code, message };

  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? field('required', 'Required')
        : field('invalid_type', `Expected ${issue.expected}`);
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? field('required', 'Required')
        : field('too_short', issue.message, { min: Number(issue.minimum) });
    case 'too_big':
      return field('too_long', issue.message, { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email'
        ? field('invalid_email', 'Not a valid e-mail address')
        : field('invalid_value', issue.message);
    case 'custom': {
      const code = (issue.params as { code?: FieldIssueCode } | undefined)?.code;
      return field(code ?? 'invalid_value', issue.message);
    }
    default:
      return field('invalid_value', issue.message);
  }
}
