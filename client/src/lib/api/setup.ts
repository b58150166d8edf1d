import {
  SetupView,
  type FiscalInput,
  type SetupBranchInput,
  type SetupCashRegisterInput,
  type SetupView as Setup,
} from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant/setup';

/** What the wizard has saved so far and the first step still to do. */
export function fetchSetup(options?: RequestOptions): Promise<Setup> {
  return api.get(BASE, SetupView, options);
}

/** Step 1: sell with a RUC, or with simple receipts. */
export function saveFiscal(input: FiscalInput, options?: RequestOptions): Promise<Setup> {
  return api.put(`${BASE}/fiscal`, input, SetupView, options);
}

/** Step 2: the first branch; the server brings its tables to `tableCount`. */
export function saveBranch(input: SetupBranchInput, options?: RequestOptions): Promise<Setup> {
  return api.put(`${BASE}/branch`, input, SetupView, options);
}

/** Step 3: the first cash register of that branch. */
export function saveCashRegister(input: SetupCashRegisterInput, options?: RequestOptions): Promise<Setup> {
  return api.put(`${BASE}/cash-register`, input, SetupView, options);
}

/**
 * Marks the setup done. Throws `ApiError` `SETUP_INCOMPLETE` (409) with `fields` naming the
 * missing steps (`fiscal`, `branch`, `cash_register`, `products`).
 */
export function completeSetup(options?: RequestOptions): Promise<Setup> {
  return api.post(`${BASE}/complete`, undefined, SetupView, options);
}
