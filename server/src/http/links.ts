import type { Request } from 'express';

/**
 * The origin of links SmartKet hands out (a pairing QR, an invitation e-mail): `PUBLIC_URL` when
 * set, else the address this request came to (`req.protocol` follows `trust proxy`).
 */
export function linkOrigin(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
