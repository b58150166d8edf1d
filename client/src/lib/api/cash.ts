import {
  CashMovementView,
  CashReportView,
  CashSessionView,
  RegisterStateView,
  type CashCloseInput,
  type CashMovementInput,
  type CashMovementView as CashMovement,
  type CashReportView as CashReport,
  type CashSessionOpenInput,
  type CashSessionView as CashSession,
  type CashSessionStatus,
  type RegisterStateView as RegisterState,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';
const RegisterStateList = z.array(RegisterStateView);
const CashSessionList = z.array(CashSessionView);

function branchPath(branchId: string, rest: string): string {
  return `${BASE}/branches/${encodeURIComponent(branchId)}/${rest}`;
}

function sessionPath(sessionId: string, rest = ''): string {
  return `${BASE}/cash-sessions/${encodeURIComponent(sessionId)}${rest}`;
}

/** What a close sends as the client writes it: the denominations and the note may be left out. */
export type CashClose = z.input<typeof CashCloseInput>;

/** The active registers of a branch, each with its open session (null when closed). */
export function fetchRegisters(branchId: string, options?: RequestOptions): Promise<RegisterState[]> {
  return api.get(branchPath(branchId, 'cash-registers/current'), RegisterStateList, options);
}

/**
 * "Abrir caja": a session on a register with the float in the drawer. The id is the device's,
 * so a retry opens it once; a register already open answers 409 `CASH_SESSION_OPEN`.
 */
export function openCashSession(input: CashSessionOpenInput, options?: RequestOptions): Promise<CashSession> {
  return api.post(`${BASE}/cash-sessions`, input, CashSessionView, options);
}

/** One session as it is now (the cash expected in the drawer included). */
export function fetchCashSession(sessionId: string, options?: RequestOptions): Promise<CashSession> {
  return api.get(sessionPath(sessionId), CashSessionView, options);
}

/** Cash put in or taken out ("Compra de carbón"). Idempotent on the movement's id. */
export function addCashMovement(
  sessionId: string,
  input: CashMovementInput,
  options?: RequestOptions,
): Promise<CashMovement> {
  return api.post(sessionPath(sessionId, '/movements'), input, CashMovementView, options);
}

/** "Cerrar caja" with the cash counted: answers the closing (Z) report. */
export function closeCashSession(
  sessionId: string,
  input: CashClose,
  options?: RequestOptions,
): Promise<CashReport> {
  return api.post(sessionPath(sessionId, '/close'), input, CashReportView, options);
}

/** The report of a session: the running figures (X) while open, the closing (Z) once closed. */
export function fetchCashReport(sessionId: string, options?: RequestOptions): Promise<CashReport> {
  return api.get(sessionPath(sessionId, '/report'), CashReportView, options);
}

/** A branch's sessions, newest first ("Cierres anteriores" asks for the closed ones). */
export function listCashSessions(
  branchId: string,
  query: { status?: CashSessionStatus; limit?: number } = {},
  options?: RequestOptions,
): Promise<CashSession[]> {
  const params = new URLSearchParams();
  if (query.status) {
    params.set('status', query.status);
  }
  if (query.limit !== undefined) {
    params.set('limit', String(query.limit));
  }
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return api.get(branchPath(branchId, `cash-sessions${search}`), CashSessionList, options);
}
