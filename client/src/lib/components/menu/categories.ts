import { DEFAULT_CATEGORY_COLOUR, type CategoryView, type StationView } from '@smartket/shared';
import type { MessageKey } from '../../i18n/index.ts';

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

/**
 * The colour a new category starts with: the first of the palette no active category wears yet,
 * so the kitchen can tell categories apart; once all are worn, the palette starts over.
 */
export function nextCategoryColour(categories: readonly Pick<CategoryView, 'colour' | 'active'>[]): string {
  const worn = new Set(
    categories.filter((category) => category.active).map((category) => category.colour.toLowerCase()),
  );
  const unused = CATEGORY_PALETTE.find((entry) => !worn.has(entry.value));
  const fallback = CATEGORY_PALETTE[categories.length % CATEGORY_PALETTE.length];
  return unused?.value ?? fallback?.value ?? DEFAULT_CATEGORY_COLOUR;
}

/**
 * The station a new category is sent to: the first active one in the owner's order (Brasa in a
 * new pollería). Without one, its orders would reach no kitchen screen at all.
 */
export function defaultStationId(stations: readonly StationView[]): string | null {
  const active = stations
    .filter((station) => station.active)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'es'));
  return active[0]?.id ?? null;
}
