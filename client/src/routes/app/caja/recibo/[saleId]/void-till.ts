import type { RegisterStateView } from '@smartket/shared';
import { ApiError } from '#lib/api/client.ts';
import { chargeSession } from '../../register-choice.ts';

/** An open till: the session whose drawer gives the cash, and the register's name to say. */
export interface Till {
  sessionId: string;
  registerName: string;
}

/** The cash a void took out of a till to hand back, and the till's name when it is known. */
export interface CashOut {
  amountCents: number;
  registerName: string | null;
}

/**
 * Where a void's cash comes from, as the dialog says it before the cashier confirms:
 * - `none`: the void gives no cash back (its session is open, or it took no cash);
 * - `ready`: this device's till when it is open, else the branch's only open one (as a charge
 *   finds its session);
 * - `pick`: several are open and none is this device's — the cashier says which;
 * - `closed`: none is open, a till must be opened first;
 * - `unknown`: the registers could not be read: the server gives it from the sale's own till.
 */
export type CashBackTill =
  | { kind: 'none' }
  | { kind: 'ready'; till: Till }
  | { kind: 'pick'; open: Till[] }
  | { kind: 'closed' }
  | { kind: 'unknown' };

/** The till the cash of a void goes back from (see `CashBackTill`). */
export function cashBackTill(
  cashBackCents: number,
  states: readonly RegisterStateView[] | null,
  remembered: string | null,
): CashBackTill {
  if (cashBackCents <= 0) {
    return { kind: 'none' };
  }
  if (!states) {
    return { kind: 'unknown' };
  }
  const where = chargeSession(states, remembered);
  switch (where.kind) {
    case 'ready':
      return {
        kind: 'ready',
        till: { sessionId: where.state.session.id, registerName: where.state.register.name },
      };
    case 'pick':
      return { kind: 'pick', open: where.open.flatMap(tillOf) };
    case 'closed':
      return { kind: 'closed' };
  }
}

/** The till of a register state: its open session's; none when it has none open. */
function tillOf(state: RegisterStateView): Till[] {
  return state.session ? [{ sessionId: state.session.id, registerName: state.register.name }] : [];
}

/**
 * Whether a void was refused because the sale is voided already — its own retry after a lost
 * answer, or another cashier's: the server's 409 CONFLICT then says when (`voidedAt`).
 */
export function alreadyVoided(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'CONFLICT' && typeof error.details.voidedAt === 'string';
}
