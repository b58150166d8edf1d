import type { KitchenTimingView } from '@smartket/shared';
import type { Branch } from '../branches/branch.entity.ts';

/** When a branch's tickets turn amber, then red, on its kitchen screens. */
export function presentKitchenTiming(
  branch: Pick<Branch, 'kitchenWarnMinutes' | 'kitchenLateMinutes'>,
): KitchenTimingView {
  return { warnMinutes: branch.kitchenWarnMinutes, lateMinutes: branch.kitchenLateMinutes };
}
