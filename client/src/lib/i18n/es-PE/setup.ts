/** Spanish (Peru) messages of the setup screens; spread into ../es-PE.ts. */
export const setupEsPE = {} as const;
