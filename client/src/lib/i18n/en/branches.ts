import type { Dictionary } from '../types.ts';

/** English messages of the branches screens; spread into ../en.ts. */
export const branchesEn = {} satisfies Partial<Dictionary>;
