import type { Request } from 'express';
import { z } from 'zod';
import { notFound } from '../lib/errors.ts';

const Uuid = z.uuid();

/**
 * The uuid in the path parameter `name`. Anything else cannot name a record of this tenant, so
 * it is a 404 like any other unknown id (and never reaches PostgreSQL as a malformed uuid).
 */
export function pathId(req: Request, name: string): string {
  const parsed = Uuid.safeParse(req.params[name]);
  if (!parsed.success) {
    throw notFound();
  }
  return parsed.data;
}
