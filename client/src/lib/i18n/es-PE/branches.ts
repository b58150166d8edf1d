/** Spanish (Peru) messages of the branches screens; spread into ../es-PE.ts. */
export const branchesEsPE = {} as const;
