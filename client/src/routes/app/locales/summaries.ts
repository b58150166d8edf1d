import type { BranchView } from '@smartket/shared';
import { fetchBranch, listBranches } from '#lib/api/branches.ts';

/** A branch with how many active tables and cash registers it has. */
export interface BranchSummary {
  branch: BranchView;
  tables: number;
  cashRegisters: number;
}

/**
 * Every branch with its counts. `BranchView` carries no counts, so each branch's detail is read
 * too; a plan allows at most ten branches, so this stays a handful of parallel requests.
 */
export async function loadBranchSummaries(signal: AbortSignal): Promise<BranchSummary[]> {
  const branches = await listBranches({ signal });
  return Promise.all(
    branches.map(async (branch) => {
      const detail = await fetchBranch(branch.id, { signal });
      return {
        branch: detail.branch,
        tables: detail.tables.filter((table) => table.active).length,
        cashRegisters: detail.cashRegisters.filter((register) => register.active).length,
      };
    }),
  );
}

/** Active branches first, then by name as Spanish speakers sort. */
export function byActiveThenName(a: BranchSummary, b: BranchSummary): number {
  if (a.branch.active !== b.branch.active) {
    return a.branch.active ? -1 : 1;
  }
  return a.branch.name.localeCompare(b.branch.name, 'es');
}
