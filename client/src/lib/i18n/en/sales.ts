/** English messages of the day's sales at the till and of charging again after a void; spread into ../en.ts. */
export const salesEn = {
  'sales.title': 'Sales of the day',
};
