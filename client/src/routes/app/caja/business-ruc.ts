import type { SaleView } from '@smartket/shared';

/**
 * Whether the business issues facturas (it sells with a RUC), as this device last learnt it:
 * every receipt says (its header carries the RUC or none), and so does a factura the server
 * refused for want of one. The checkout has no other way to know before charging; until it
 * learns, it offers the factura and the server has the last word.
 */
const KEY = 'smartket.businessRuc';

function read(): Record<string, boolean> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

/** True or false once learnt for this business on this device; null while unknown. */
export function knownBusinessRuc(tenantId: string): boolean | null {
  const value = read()[tenantId];
  return typeof value === 'boolean' ? value : null;
}

/** Keeps what a receipt or a refusal said about the business's RUC. */
export function learnBusinessRuc(tenantId: string, hasRuc: boolean): void {
  const known = read();
  if (known[tenantId] === hasRuc) {
    return;
  }
  known[tenantId] = hasRuc;
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(known));
  } catch {
    // Storage blocked: the screen asks the server again next time.
  }
}

/** What the newest of `sales` says (a business may register its RUC later). */
export function rucFromSales(sales: readonly Pick<SaleView, 'createdAt' | 'header'>[]): boolean | null {
  const newest = [...sales].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return newest ? newest.header.ruc !== null : null;
}
