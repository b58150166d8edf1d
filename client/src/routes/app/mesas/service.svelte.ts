import type { BranchDetailView, MenuView, OrderItemView, TableView } from '@smartket/shared';
import { createContext } from 'svelte';
import { loadBranch, loadMenu } from '#lib/offline/menu-cache.ts';
import { access } from '#lib/stores/access.svelte.ts';
import { device } from '#lib/stores/device.svelte.ts';
import { openFloor, type Floor, type FloorOrder } from '#lib/stores/floor.svelte.ts';
import { session } from '#lib/stores/session.svelte.ts';
import { BranchChoice } from '../branch-choice.svelte.ts';
import { Resource } from '../resource.svelte.ts';
import { tablesByZone } from './zones.ts';

/** "Mesa 4: 2 platos listos": the kitchen finished dishes of an order this waiter took. */
export interface ReadyAlert {
  key: number;
  orderId: string;
  items: OrderItemView[];
}

/** How many ready alerts stay stacked; an older one gives way to the newest. */
const ALERTS_KEPT = 3;

/**
 * What the waiter's screens share while they are open: the branch (a device's own, or the one
 * an owner picked), its tables, the carta and the live floor. The map and the order screen both
 * read it, so moving between them keeps the feed, the carta and the alerts instead of reloading.
 */
export class Service {
  readonly choice = new BranchChoice();
  // Both come from this phone's copy when the network is down, so orders can be taken offline.
  readonly branch = new Resource<BranchDetailView>(async (signal) => {
    const { tenantId, branchId } = this.#where ?? {};
    if (!tenantId || !branchId) {
      throw new Error('no branch');
    }
    return (await loadBranch(tenantId, branchId, { signal })).data;
  });
  readonly menu = new Resource<MenuView>(async (signal) => {
    const tenantId = this.#where?.tenantId;
    if (!tenantId) {
      throw new Error('no business');
    }
    return (await loadMenu(tenantId, { signal })).data;
  });
  floor = $state.raw<Floor | null>(null);
  alerts = $state<ReadyAlert[]>([]);
  /** The map's tab (a zone, all of them, or takeaway and delivery), kept while an order is open. */
  view = $state('all');

  /** Who takes orders on this screen: the signed-in staff member, or the owner or admin. */
  readonly meId = $derived(
    access.mode === 'user' ? (session.me?.user.id ?? null) : (device.staff?.id ?? null),
  );
  readonly zones = $derived(this.branch.data ? tablesByZone(this.branch.data) : []);
  /** Every active table of the branch, zone by zone. */
  readonly tables = $derived<TableView[]>(this.zones.flatMap((group) => group.tables));

  #where: { tenantId: string; branchId: string; meId: string } | null = null;
  #stopFloor: () => void = () => undefined;
  #alertKey = 0;

  /**
   * Follows one branch for one person: loads its tables and the carta, opens its live floor
   * and listens for ready dishes. Returns what stops it all (another branch, the screen closed).
   */
  open(tenantId: string, branchId: string, meId: string): () => void {
    this.#where = { tenantId, branchId, meId };
    this.branch.load(true);
    this.menu.load(true);
    this.alerts = [];
    this.#startFloor();
    return () => {
      this.#stopFloor();
      this.branch.abort();
      this.menu.abort();
      this.#where = null;
    };
  }

  /** "Reintentar" after the floor, the tables or the carta failed to load. */
  retry(): void {
    if (!this.#where) {
      return;
    }
    this.branch.load();
    this.menu.load();
    this.#stopFloor();
    this.#startFloor();
  }

  #startFloor(): void {
    const where = this.#where;
    if (!where) {
      return;
    }
    const floor = openFloor(where.tenantId, where.branchId, { id: where.meId });
    const stopAlerts = floor.onReady((order, items) => this.#alert(order, items));
    this.floor = floor;
    this.#stopFloor = () => {
      stopAlerts();
      floor.close();
      this.floor = null;
      this.#stopFloor = () => undefined;
    };
  }

  /** The waiter saw it (closed the alert, or opened that order). */
  dismiss(orderId: string): void {
    this.alerts = this.alerts.filter((alert) => alert.orderId !== orderId);
  }

  #alert(order: FloorOrder, items: OrderItemView[]): void {
    // One alert per order: more dishes of the same table add up in the alert it already has.
    const earlier = this.alerts.find((alert) => alert.orderId === order.id);
    const merged = earlier
      ? [...earlier.items.filter((item) => !items.some((next) => next.id === item.id)), ...items]
      : items;
    const others = this.alerts.filter((alert) => alert.orderId !== order.id);
    this.alerts = [...others, { key: ++this.#alertKey, orderId: order.id, items: merged }].slice(
      -ALERTS_KEPT,
    );
  }
}

const [getService, setService] = createContext<Service>();

/** The waiter screens' shared state, from the nearest `mesas` layout. */
export const useService = getService;
/** Makes `service` the one the `mesas` screens below read. */
export const provideService = setService;
