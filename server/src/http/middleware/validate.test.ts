import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { validate } from './validate.ts';

const Round = z.strictObject({
  note: z.string().max(200),
  items: z.array(z.strictObject({ name: z.string(), note: z.string().nullable() })),
});

function run(body: unknown): { error: unknown; input: unknown } {
  const res = { locals: {} } as Response;
  let error: unknown = 'not called';
  const next: NextFunction = (failure?: unknown) => {
    error = failure;
  };
  validate(Round)({ body } as Request, res, next);
  return { error, input: res.locals.input };
}

describe('validate', () => {
  it('keeps the parsed input for the handler', () => {
    const body = { note: 'sin ají', items: [{ name: '1/4 de pollo', note: null }] };
    expect(run(body)).toEqual({ error: undefined, input: body });
  });

  it('refuses text PostgreSQL cannot store (a NUL), naming every field that holds one', () => {
    const { error, input } = run({
      note: 'sin\u0000ají',
      items: [
        { name: '1/4 de pollo', note: null },
        { name: 'Chicha', note: 'hel\u0000ada' },
      ],
    });
    expect(input).toBeUndefined();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      fields: {
        note: { code: 'invalid_value' },
        'items.1.note': { code: 'invalid_value' },
      },
    });
  });
});
