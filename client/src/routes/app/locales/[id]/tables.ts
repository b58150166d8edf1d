import type { TableView, ZoneView } from '@smartket/shared';
import { t } from '#lib/i18n/index.ts';

/**
 * The name the server gives a table when none is chosen ("Mesa 4"). Shown as an empty field
 * with that placeholder, so renumbering a table keeps its default name in step.
 */
export function isDefaultTableName(table: Pick<TableView, 'name' | 'number'>): boolean {
  return table.name === `Mesa ${table.number}`;
}

/** What a table is called on screen: "Mesa 16", or "16 · Mesa de la ventana" so a renamed one keeps its number. */
export function tableLabel(table: Pick<TableView, 'name' | 'number'>): string {
  return isDefaultTableName(table)
    ? table.name
    : t('branches.table.label', { number: String(table.number), name: table.name });
}

/** The lowest number after every table of the branch (active or not: numbers stay unique). */
export function nextTableNumber(tables: readonly TableView[]): number {
  return tables.reduce((highest, table) => Math.max(highest, table.number), 0) + 1;
}

/** Tables in the order a waiter counts them. */
export function byNumber(a: TableView, b: TableView): number {
  return a.number - b.number;
}

/**
 * Zones in the owner's order. Ties keep the server's order, which is the order they were added
 * in (`Array.prototype.sort` is stable), and a zone added here goes last, as the server would.
 */
export function byPosition(a: ZoneView, b: ZoneView): number {
  return a.position - b.position;
}
