import type { BranchView } from '@smartket/shared';

/** Active branches first, then by name as Spanish speakers sort. */
export function byActiveThenName(a: BranchView, b: BranchView): number {
  if (a.active !== b.active) {
    return a.active ? -1 : 1;
  }
  return a.name.localeCompare(b.name, 'es');
}
