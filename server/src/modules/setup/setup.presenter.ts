import type { SetupView } from '@smartket/shared';
import { presentBranch, presentCashRegister } from '../branches/branches.presenter.ts';
import { nextStepOf, type SetupState } from './setup.service.ts';

export function presentSetup(state: SetupState): SetupView {
  return {
    complete: state.complete,
    nextStep: nextStepOf(state),
    fiscal: state.fiscal ? { ...state.fiscal, currency: 'PEN' } : null,
    branch: state.branch ? presentBranch(state.branch, state.branchCounts) : null,
    cashRegister: state.cashRegister ? presentCashRegister(state.cashRegister) : null,
    productCount: state.productCount,
  };
}
