/**
 * Spanish (Peru) messages of the day's sales at the till (/app/caja/ventas) and of charging a
 * consumption again after its sale was voided (the canje). Spread into ../es-PE.ts.
 */
export const salesEsPE = {
  'sales.title': 'Ventas del día',
} as const;
