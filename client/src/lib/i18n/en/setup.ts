import type { Dictionary } from '../types.ts';

/** English messages of the setup screens; spread into ../en.ts. */
export const setupEn = {} satisfies Partial<Dictionary>;
