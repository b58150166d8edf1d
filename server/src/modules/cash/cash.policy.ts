import {
  formatPen,
  type CashMovementInput,
  type CashSessionOpenInput,
  type PaymentMethod,
} from '@smartket/shared';
import { AppError, fieldError } from '../../lib/errors.ts';
import { actorReachesBranch, type Actor } from '../auth/actor.ts';
import type { CashRegister } from '../branches/cash-register.entity.ts';
import type { CashMovement } from './cash-movement.entity.ts';
import type { CashSession } from './cash-session.entity.ts';

/** What went through a session's drawer besides its opening float. */
export interface CashFlow {
  /** Σ of the cash tenders of its completed sales: what each applied to the bill and tip, change apart. */
  cashSalesCents: number;
  movementsInCents: number;
  movementsOutCents: number;
}

export const NO_CASH_FLOW: CashFlow = { cashSalesCents: 0, movementsInCents: 0, movementsOutCents: 0 };

/**
 * A session's flow from what its report reads anyway: the cash line of its payment methods and
 * its movements — the same sums `cashFlows` takes in SQL for a list of sessions.
 */
export function flowOf(
  byMethod: readonly { method: PaymentMethod; amountCents: number }[],
  movements: readonly Pick<CashMovement, 'kind' | 'amountCents'>[],
): CashFlow {
  const moved = (kind: CashMovement['kind']): number =>
    movements
      .filter((movement) => movement.kind === kind)
      .reduce((sum, movement) => sum + movement.amountCents, 0);
  return {
    cashSalesCents: byMethod.find((line) => line.method === 'cash')?.amountCents ?? 0,
    movementsInCents: moved('in'),
    movementsOutCents: moved('out'),
  };
}

/** The cash that should be in the drawer: the float, plus cash sales, plus cash put in, minus cash taken out. */
export function expectedCash(openingFloatCents: number, flow: CashFlow): number {
  return openingFloatCents + flow.cashSalesCents + flow.movementsInCents - flow.movementsOutCents;
}

/** Who did it, as a session or movement row keeps it. */
export function cashActor(actor: Actor): { kind: Actor['kind']; id: string; name: string } {
  return { kind: actor.kind, id: actor.id, name: actor.name };
}

/**
 * A register a session may open on: one of a branch the actor reaches (else the same 422 as an
 * unknown one, so nobody probes another branch's registers), still in use.
 */
export function assertRegisterUsable(
  register: CashRegister | null,
  actor: Actor,
): asserts register is CashRegister {
  if (!register || !actorReachesBranch(actor, register.branchId)) {
    throw fieldError('registerId', 'unknown_reference', 'No such cash register');
  }
  if (!register.active) {
    throw fieldError('registerId', 'unavailable', 'This cash register is not in use');
  }
}

/** 409 CASH_SESSION_OPEN: the register is already open; the screen can join that session. */
export function sessionAlreadyOpen(open: CashSession): AppError {
  return new AppError('CASH_SESSION_OPEN', 409, 'This cash register is already open', {
    details: {
      sessionId: open.id,
      registerId: open.registerId,
      openedByName: open.openedByName,
      openedAt: open.openedAt.toISOString(),
    },
  });
}

/** 409 CASH_SESSION_CLOSED: no more cash moves through a closed session, and it closes once. */
export function sessionClosed(session: CashSession): AppError {
  return new AppError('CASH_SESSION_CLOSED', 409, 'This cash session is closed', {
    details: {
      sessionId: session.id,
      closedByName: session.closedByName,
      closedAt: session.closedAt?.toISOString() ?? null,
    },
  });
}

/**
 * 409 CASH_SESSION_CLOSED: cash is to go back to a customer out of `register`'s drawer, and the
 * register is not open. Names the register and the amount, for the screen to say which till to
 * open and for how much — and, when the request named that till's session, that field.
 */
export function cashBackNeedsOpenTill(
  register: Pick<CashRegister, 'id' | 'name'>,
  amountCents: number,
  details: Record<string, unknown> = {},
  field?: string,
): AppError {
  return new AppError(
    'CASH_SESSION_CLOSED',
    409,
    `Open the cash register ${register.name} to give back ${formatPen(amountCents)} in cash`,
    {
      ...(field
        ? { fields: { [field]: { code: 'unavailable', message: 'This cash session is closed' } } }
        : {}),
      details: {
        ...details,
        registerId: register.id,
        registerName: register.name,
        cashBackCents: amountCents,
      },
    },
  );
}

/**
 * Whether an open sent again with an id that exists is the same open (a retry): the same
 * register. The float is not compared: a retry of one tap carries the same one, and a cashier
 * who corrected it meanwhile still means this session.
 */
export function isSameOpen(session: CashSession, input: CashSessionOpenInput): boolean {
  return session.registerId === input.registerId;
}

/** Whether a movement sent again with an id that exists is the same one (a retry), in `sessionId`. */
export function isSameMovement(movement: CashMovement, sessionId: string, input: CashMovementInput): boolean {
  return (
    movement.sessionId === sessionId &&
    movement.kind === input.kind &&
    movement.amountCents === input.amountCents &&
    movement.reason === input.reason
  );
}

/** 409 CONFLICT: the device's id names another session or movement than the one it sends. */
export function idTaken(what: string, id: string): AppError {
  return new AppError('CONFLICT', 409, `This ${what} id belongs to another ${what}`, { details: { id } });
}
