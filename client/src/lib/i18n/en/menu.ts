import type { Dictionary } from '../types.ts';

/** English messages of the menu screens; spread into ../en.ts. */
export const menuEn = {} satisfies Partial<Dictionary>;
