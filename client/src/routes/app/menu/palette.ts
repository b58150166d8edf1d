import type { MessageKey } from '#lib/i18n/index.ts';

/** Category colours: strong enough for a chip on white and on the kitchen screen. */
export const CATEGORY_PALETTE: readonly { value: string; label: MessageKey }[] = [
  { value: '#f59e0b', label: 'menu.colour.amber' },
  { value: '#ea580c', label: 'menu.colour.orange' },
  { value: '#dc2626', label: 'menu.colour.red' },
  { value: '#db2777', label: 'menu.colour.pink' },
  { value: '#9333ea', label: 'menu.colour.purple' },
  { value: '#2563eb', label: 'menu.colour.blue' },
  { value: '#0891b2', label: 'menu.colour.teal' },
  { value: '#16a34a', label: 'menu.colour.green' },
  { value: '#65a30d', label: 'menu.colour.lime' },
  { value: '#92400e', label: 'menu.colour.brown' },
  { value: '#475569', label: 'menu.colour.slate' },
  { value: '#1f2937', label: 'menu.colour.black' },
];

/** The default of a new category (the API's default too). */
export const DEFAULT_CATEGORY_COLOUR = '#f59e0b';
