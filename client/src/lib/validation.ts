import type { FieldIssue } from '@smartket/shared';
import type { z } from 'zod';
import { fieldMessage } from './api/client.ts';

/**
 * Checks one value with the same shared schema the server uses and answers the message of
 * its first problem (or `undefined`). Only a courtesy: the server's answer is the authority.
 */
export function checkField(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) {
    return undefined;
  }
  const issue = result.error.issues[0];
  if (!issue) {
    return undefined;
  }
  return fieldMessage(toFieldIssue(issue, value));
}

function toFieldIssue(issue: z.core.$ZodIssue, value: unknown): Pick<FieldIssue, 'code' | 'params'> {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (empty) {
    return { code: 'required' };
  }
  switch (issue.code) {
    case 'too_small':
      return { code: 'too_short', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return { code: 'too_long', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'invalid_email' : 'invalid_value' };
    default:
      return { code: 'invalid_value' };
  }
}
