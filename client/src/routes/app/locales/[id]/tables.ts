import type { TableView, ZoneView } from '@smartket/shared';

/**
 * The name the server gives a table when none is chosen ("Mesa 4"). Shown as an empty field
 * with that placeholder, so renumbering a table keeps its default name in step.
 */
export function isDefaultTableName(table: Pick<TableView, 'name' | 'number'>): boolean {
  return table.name === `Mesa ${table.number}`;
}

/** The lowest number after every table of the branch (active or not: numbers stay unique). */
export function nextTableNumber(tables: readonly TableView[]): number {
  return tables.reduce((highest, table) => Math.max(highest, table.number), 0) + 1;
}

/** Tables in the order a waiter counts them. */
export function byNumber(a: TableView, b: TableView): number {
  return a.number - b.number;
}

/** Zones in the owner's order, then by name. */
export function byPosition(a: ZoneView, b: ZoneView): number {
  return a.position - b.position || a.name.localeCompare(b.name, 'es');
}
