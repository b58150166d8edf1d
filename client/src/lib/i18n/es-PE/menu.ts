/** Spanish (Peru) messages of the menu screens; spread into ../es-PE.ts. */
export const menuEsPE = {} as const;
