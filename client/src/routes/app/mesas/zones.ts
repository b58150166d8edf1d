import type { BranchDetailView, TableView, ZoneView } from '@smartket/shared';

/** A dining area with the tables a waiter can seat people at. */
export interface ZoneTables {
  zone: ZoneView;
  tables: TableView[];
}

/**
 * The branch's active tables grouped by their active zone, zones in the owner's order and
 * tables by number. A zone without active tables is left out: there is nothing to tap in it.
 */
export function tablesByZone(detail: BranchDetailView): ZoneTables[] {
  return detail.zones
    .filter((zone) => zone.active)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'es'))
    .map((zone) => ({
      zone,
      tables: detail.tables
        .filter((table) => table.active && table.zoneId === zone.id)
        .sort((a, b) => a.number - b.number),
    }))
    .filter((group) => group.tables.length > 0);
}
