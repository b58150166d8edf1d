import type { EntityManager } from '@mikro-orm/core';
import type {
  CashCloseInput,
  CashMovementInput,
  CashMovementView,
  CashReportView,
  CashSessionListQuery,
  CashSessionOpenInput,
  CashSessionView,
  RegisterStateView,
} from '@smartket/shared';
import { fieldError, notFound, violatedIndex } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { actorReachesBranch, assertReachesBranch, type Actor } from '../auth/actor.ts';
import { CashRegister } from '../branches/cash-register.entity.ts';
import { presentCashRegister } from '../branches/branches.presenter.ts';
import { findBranch, readBranchForShare } from '../branches/branches.service.ts';
import { CashMovement } from './cash-movement.entity.ts';
import { CashSession } from './cash-session.entity.ts';
import {
  assertRegisterUsable,
  cashActor,
  cashBackNeedsOpenTill,
  expectedCash,
  flowOf,
  idTaken,
  isSameMovement,
  isSameOpen,
  NO_CASH_FLOW,
  sessionAlreadyOpen,
  sessionClosed,
} from './cash.policy.ts';
import { presentMovement, presentReport, presentSession, type CashReport } from './cash.presenter.ts';
import {
  cashFlows,
  findOpenSession,
  lockOpenSession,
  lockSession,
  methodTotals,
  registerNames,
  salesTotals,
  sessionMovements,
  voidedSales,
} from './cash.repository.ts';

/** Who works the till, when, and through which tenant database. */
export interface CashContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

/** A write's answer, and whether it made something (201) or found it made by an earlier copy (200). */
export interface Written<View> {
  view: View;
  created: boolean;
}

const SESSION_ID_INDEX = 'cash_sessions_pkey';
const OPEN_REGISTER_INDEX = 'cash_sessions_open_register_unique';
const MOVEMENT_ID_INDEX = 'cash_movements_pkey';

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The registers in use of a branch, by name, each with its open session (and the cash it
 * should hold now) or null: the cashier's "which till" screen. Four queries however many.
 */
export async function listRegisterStates(
  em: EntityManager,
  actor: Actor,
  branchId: string,
): Promise<RegisterStateView[]> {
  assertReachesBranch(actor, branchId);
  await findBranch(em, branchId);
  const registers = await em.find(
    CashRegister,
    { branchId, active: true },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
  const open = await em.find(CashSession, {
    registerId: { $in: registers.map((register) => register.id) },
    status: 'open',
  });
  const flows = await cashFlows(em, open);
  const openByRegister = new Map(open.map((session) => [session.registerId, session]));
  return registers.map((register) => {
    const session = openByRegister.get(register.id);
    return {
      register: presentCashRegister(register),
      session: session ? presentSession(session, register.name, flows.get(session.id)) : null,
    };
  });
}

/** A session of a branch the actor reaches (404 otherwise), with the cash it should hold. */
export async function loadSession(
  em: EntityManager,
  actor: Actor,
  sessionId: string,
): Promise<CashSessionView> {
  const session = reachable(await em.findOne(CashSession, { id: sessionId }), actor);
  return (await presentSessions(em, [session]))[0]!;
}

/** A branch's sessions, newest first: the closed ones are the closing reports to read again. */
export async function listSessions(
  em: EntityManager,
  actor: Actor,
  branchId: string,
  query: CashSessionListQuery,
): Promise<CashSessionView[]> {
  assertReachesBranch(actor, branchId);
  await findBranch(em, branchId);
  const sessions = await em.find(
    CashSession,
    query.status ? { branchId, status: query.status } : { branchId },
    { orderBy: { openedAt: 'desc', id: 'desc' }, limit: query.limit },
  );
  return presentSessions(em, sessions);
}

/**
 * The report of a session: the closing (Z) report once closed, the running (X) one while open —
 * sales by method, voids, discounts, tips, movements, cash expected and counted.
 */
export async function loadReport(
  em: EntityManager,
  actor: Actor,
  sessionId: string,
): Promise<CashReportView> {
  const session = reachable(await em.findOne(CashSession, { id: sessionId }), actor);
  return presentReport(await readReport(em, session));
}

// ---------------------------------------------------------------------------------------------
// Opening

/**
 * Opens a register of a branch the actor reaches with the float counted into its drawer. The
 * id is the device's: the same id again answers that session as it is now (a retry, or two
 * copies racing). A register already open is a 409 CASH_SESSION_OPEN naming its session and who
 * opened it — also when two cashiers open it at the same moment: the partial unique index lets
 * one through.
 */
export async function openSession(
  context: CashContext,
  input: CashSessionOpenInput,
): Promise<Written<CashSessionView>> {
  const { em, actor, now } = context;
  try {
    return await em.transactional(async (tx): Promise<Written<CashSessionView>> => {
      const earlier = await tx.findOne(CashSession, { id: input.id });
      if (earlier) {
        return { view: await repeatedOpen(tx, actor, earlier, input), created: false };
      }
      const named = await tx.findOne(CashRegister, { id: input.registerId });
      assertRegisterUsable(named, actor);
      // Retiring a register or closing its branch takes the branch FOR UPDATE: not while this
      // opens. The register is read again behind that lock, as it is now.
      const branch = await readBranchForShare(tx, named.branchId);
      const register = await tx.refresh(named);
      assertRegisterUsable(register, actor);
      if (!branch.active) {
        throw fieldError('registerId', 'unavailable', 'This branch is closed');
      }
      const open = await findOpenSession(tx, register.id);
      if (open?.id === input.id) {
        // A copy of this open committed while this one started.
        return { view: await repeatedOpen(tx, actor, open, input), created: false };
      }
      if (open) {
        throw sessionAlreadyOpen(open);
      }
      const by = cashActor(actor);
      const session = tx.create(CashSession, {
        id: input.id,
        branchId: register.branchId,
        registerId: register.id,
        status: 'open',
        openingFloatCents: input.openingFloatCents,
        openedByKind: by.kind,
        openedById: by.id,
        openedByName: by.name,
        openedAt: now,
        closedByKind: null,
        closedById: null,
        closedByName: null,
        closedAt: null,
        countedCents: null,
        countedDenominations: null,
        expectedCents: null,
        differenceCents: null,
        closingNote: null,
      });
      await tx.flush();
      return { view: presentSession(session, register.name, NO_CASH_FLOW), created: true };
    });
  } catch (error) {
    const index = violatedIndex(error);
    if (index === SESSION_ID_INDEX || index === OPEN_REGISTER_INDEX) {
      // Another open committed first: a copy of this one (whichever index stopped this copy),
      // or another cashier's.
      const fresh = em.fork();
      const earlier = await fresh.findOne(CashSession, { id: input.id });
      if (earlier) {
        return { view: await repeatedOpen(fresh, actor, earlier, input), created: false };
      }
      const open = await findOpenSession(fresh, input.registerId);
      if (open) {
        throw sessionAlreadyOpen(open);
      }
    }
    throw error;
  }
}

/** The answer to an open whose id exists: that session when it is the same open, else 409 CONFLICT. */
async function repeatedOpen(
  em: EntityManager,
  actor: Actor,
  earlier: CashSession,
  input: CashSessionOpenInput,
): Promise<CashSessionView> {
  if (!actorReachesBranch(actor, earlier.branchId) || !isSameOpen(earlier, input)) {
    throw idTaken('session', input.id);
  }
  return (await presentSessions(em, [earlier]))[0]!;
}

// ---------------------------------------------------------------------------------------------
// Movements

/**
 * Puts cash into an open session's drawer or takes it out, with a reason ("compra de carbón").
 * The id is the device's: the same movement again answers it as it was recorded (200), even
 * after the close. A closed session takes no more: 409 CASH_SESSION_CLOSED. The session is read
 * `FOR SHARE`, so a close waits for this movement and counts it, or this one sees it closed.
 */
export async function recordMovement(
  context: CashContext,
  sessionId: string,
  input: CashMovementInput,
): Promise<Written<CashMovementView>> {
  const { em, actor, now } = context;
  try {
    return await em.transactional(async (tx): Promise<Written<CashMovementView>> => {
      const session = reachable(await lockSession(tx, sessionId, 'share'), actor);
      const earlier = await tx.findOne(CashMovement, { id: input.id });
      if (earlier) {
        return { view: repeatedMovement(earlier, session.id, input), created: false };
      }
      if (session.status !== 'open') {
        throw sessionClosed(session);
      }
      const movement = await addMovement(tx, { actor, now }, session, input);
      return { view: presentMovement(movement), created: true };
    });
  } catch (error) {
    if (violatedIndex(error) === MOVEMENT_ID_INDEX) {
      const earlier = await em.fork().findOne(CashMovement, { id: input.id });
      if (earlier) {
        return { view: repeatedMovement(earlier, sessionId, input), created: false };
      }
    }
    throw error;
  }
}

/** Cash handed back to a customer out of a drawer of the branch: how much, and the movement's reason. */
export interface CashBack {
  branchId: string;
  /** The register the cash was taken in: its open session gives it back unless `sessionId` says. */
  registerId: string;
  /** The open session of the branch named to give it back (the till the cashier stands at). */
  sessionId?: string;
  amountCents: number;
  /** "Devolución por anulación B001-00000012". */
  reason: string;
  /** Said in a refusal besides the register and the amount (the sale it is for). */
  details?: Record<string, unknown>;
}

/**
 * Inside the caller's transaction (a void's, after it locked its order and the sale's session):
 * takes `cashBack.amountCents` out of a drawer open now, by a movement out with the reason, made
 * by the actor — the cash goes back to the customer from that drawer, so that session's expected
 * cash knows. The drawer is the session `cashBack.sessionId` names (open, of the branch: else 422
 * `cashSessionId`, or 409 CASH_SESSION_CLOSED naming it), else the open session of the register
 * the cash was taken in; no other drawer is guessed. With that register closed (or retired): 409
 * CASH_SESSION_CLOSED naming the register and the amount, and the caller writes nothing. The
 * session is locked `FOR SHARE`, as a charge locks it: its close waits for this and counts the
 * movement.
 */
export async function takeCashBack(
  tx: EntityManager,
  context: Omit<CashContext, 'em'>,
  cashBack: CashBack,
): Promise<CashMovement> {
  const session = await cashBackSession(tx, cashBack);
  return addMovement(tx, context, session, {
    id: crypto.randomUUID(),
    kind: 'out',
    amountCents: cashBack.amountCents,
    reason: cashBack.reason,
  });
}

/** The open session, locked `FOR SHARE`, whose drawer gives `cashBack` back; refused as `takeCashBack` says. */
async function cashBackSession(tx: EntityManager, cashBack: CashBack): Promise<CashSession> {
  if (cashBack.sessionId === undefined) {
    const own = await lockOpenSession(tx, cashBack.registerId);
    if (own) {
      return own;
    }
    const register = await tx.findOneOrFail(CashRegister, { id: cashBack.registerId });
    throw cashBackNeedsOpenTill(register, cashBack.amountCents, cashBack.details);
  }
  const named = await lockSession(tx, cashBack.sessionId, 'share');
  if (!named || named.branchId !== cashBack.branchId) {
    throw fieldError('cashSessionId', 'unknown_reference', 'No such cash session in this branch');
  }
  if (named.status !== 'open') {
    const register = await tx.findOneOrFail(CashRegister, { id: named.registerId });
    throw cashBackNeedsOpenTill(register, cashBack.amountCents, cashBack.details, 'cashSessionId');
  }
  return named;
}

/** A movement of `session`'s drawer, made now by the actor: the one way cash moves in or out by hand. */
async function addMovement(
  tx: EntityManager,
  { actor, now }: Omit<CashContext, 'em'>,
  session: CashSession,
  movement: CashMovementInput,
): Promise<CashMovement> {
  const by = cashActor(actor);
  const created = tx.create(CashMovement, {
    id: movement.id,
    sessionId: session.id,
    kind: movement.kind,
    amountCents: movement.amountCents,
    reason: movement.reason,
    byKind: by.kind,
    byId: by.id,
    byName: by.name,
    createdAt: now,
  });
  await tx.flush();
  return created;
}

function repeatedMovement(
  earlier: CashMovement,
  sessionId: string,
  input: CashMovementInput,
): CashMovementView {
  if (!isSameMovement(earlier, sessionId, input)) {
    throw idTaken('movement', input.id);
  }
  return presentMovement(earlier);
}

// ---------------------------------------------------------------------------------------------
// Closing

/**
 * Closes a session with the cash counted (and, if counted by bill and coin, how many of each):
 * the cash expected is worked out from its sales and movements, the difference kept, the close
 * audited. The session row is locked `FOR UPDATE` first, so a charge or a movement committing at
 * the same moment is either in these figures or refused as closed. A session closes once: 409
 * CASH_SESSION_CLOSED after that. Answers the closing report.
 */
export async function closeSession(
  context: CashContext,
  sessionId: string,
  input: CashCloseInput,
): Promise<CashReportView> {
  const { em, actor, now } = context;
  return em.transactional(async (tx) => {
    const session = reachable(await lockSession(tx, sessionId, 'update'), actor);
    if (session.status !== 'open') {
      throw sessionClosed(session);
    }
    // Read before the close is written: everything committed so far, nothing voided after it.
    const report = await readReport(tx, session);
    const expected = expectedCash(session.openingFloatCents, report.flow);
    const by = cashActor(actor);
    tx.assign(session, {
      status: 'closed',
      closedByKind: by.kind,
      closedById: by.id,
      closedByName: by.name,
      closedAt: now,
      countedCents: input.countedCents,
      countedDenominations: input.denominations,
      expectedCents: expected,
      differenceCents: input.countedCents - expected,
      closingNote: input.note,
    });
    recordAudit(
      tx,
      actor,
      {
        action: 'cash.closed',
        entity: { type: 'cash_session', id: session.id, label: report.registerName },
        after: {
          openingFloatCents: session.openingFloatCents,
          cashSalesCents: report.flow.cashSalesCents,
          movementsInCents: report.flow.movementsInCents,
          movementsOutCents: report.flow.movementsOutCents,
          expectedCents: expected,
          countedCents: input.countedCents,
          differenceCents: input.countedCents - expected,
        },
        branchId: session.branchId,
      },
      now,
    );
    await tx.flush();
    return presentReport(report);
  });
}

// ---------------------------------------------------------------------------------------------
// Shared

/** The session when the actor reaches its branch; 404 when it does not, as when there is none. */
function reachable(session: CashSession | null, actor: Actor): CashSession {
  if (!session || !actorReachesBranch(actor, session.branchId)) {
    throw notFound('Cash session');
  }
  return session;
}

/** Sessions as views, their register names and (for the open ones) their cash read in bulk. */
async function presentSessions(
  em: EntityManager,
  sessions: readonly CashSession[],
): Promise<CashSessionView[]> {
  const names = await registerNames(em, sessions);
  const flows = await cashFlows(
    em,
    sessions.filter((session) => session.status === 'open'),
  );
  return sessions.map((session) =>
    presentSession(session, names.get(session.registerId) ?? '', flows.get(session.id)),
  );
}

/** Everything a session's report shows, read in `em` (inside the close: behind its lock). */
async function readReport(em: EntityManager, session: CashSession): Promise<CashReport> {
  const names = await registerNames(em, [session]);
  const byMethod = await methodTotals(em, session.id);
  const movements = await sessionMovements(em, session.id);
  return {
    session,
    registerName: names.get(session.registerId) ?? '',
    flow: flowOf(byMethod, movements),
    totals: await salesTotals(em, session.id),
    byMethod,
    voided: await voidedSales(em, session.id),
    movements,
  };
}
