import { untrack } from 'svelte';
import { formatAgo } from '#lib/dates.ts';
import {
  openFloorFeed,
  openKitchenFeed,
  type FloorFeed,
  type KitchenFeed,
} from '#lib/realtime/branch-feed.svelte.ts';
import { access } from '#lib/stores/access.svelte.ts';
import { BranchChoice } from '../branch-choice.svelte.ts';
import { SteadyStatus } from '../cocina/steady-status.svelte.ts';
import { failedUnread } from '../feed-read.ts';
import { FIGURES_DELAY_MS, FiguresFollower, type FollowedEvents } from './figures-follower.ts';

export interface BranchFloorOptions {
  /** Keeps the branch's kitchen live too (the board's queue). */
  kitchen?: boolean;
  /**
   * The screen now shows `branchId`: load what it reads per branch, afresh. The function it
   * returns stops those loads when the branch (an owner's switch) or the screen goes.
   */
  onBranch: (branchId: string, tenantId: string) => () => void;
  /**
   * Figures the screen reads from the server (today's sums, the till's) may have changed with the
   * floor: called once after a burst of floor events (charges and voids, `sales.changed`, among
   * them) or snapshots, and when it is back from a drop (FiguresFollower).
   */
  onFiguresStale?: () => void;
  /** Which floor events move those figures; every one unless said (the board's sums do). */
  figuresFollow?: FollowedEvents;
}

/**
 * The live floor of the branch a screen shows (the board, the till): the branch choice, the floor
 * feed (and the kitchen's, when asked) opened per branch and closed when it goes, and the figures
 * kept in step with it. Create it while a component initialises: it runs effects.
 */
export class BranchFloor {
  readonly choice = new BranchChoice();
  branchId = $state<string | null>(null);
  floor = $state<FloorFeed | null>(null);
  kitchen = $state<KitchenFeed | null>(null);
  /** The floor's status as the screen says it ("Sin conexión" only once it lasts). */
  readonly floorStatus = new SteadyStatus(() => this.floor?.status ?? null);
  /** Nothing read yet: the screen shows its skeleton. */
  readonly floorLoading = $derived(
    this.floor === null || (this.floor.status === 'loading' && this.floor.orders.length === 0),
  );
  /** Nothing could be read: the screen says so instead of "nothing open". */
  readonly floorFailed = $derived(failedUnread(this.floor) && (this.floor?.orders.length ?? 0) === 0);

  constructor(options: BranchFloorOptions) {
    const stale = options.onFiguresStale;
    const figures = stale ? new FiguresFollower(stale, FIGURES_DELAY_MS, options.figuresFollow) : null;
    $effect(() => {
      untrack(() => this.choice.start());
    });

    // One set of feeds per branch; closed when the screen or the branch goes.
    $effect(() => {
      const tenantId = access.tenantId;
      const id = this.choice.branchId;
      if (!tenantId || !id) {
        return;
      }
      this.branchId = id;
      const floor = untrack(() => openFloorFeed(tenantId, id));
      const kitchen = options.kitchen ? untrack(() => openKitchenFeed(tenantId, id)) : null;
      this.floor = floor;
      this.kitchen = kitchen;
      const stopLoads = untrack(() => options.onBranch(id, tenantId));
      // Every floor event, a charge or a void of a closed order (`sales.changed`) included.
      const stopEvents = floor.onEvent((event) => figures?.event(event));
      const stopResets = floor.onReset(() => figures?.changed());
      return () => {
        stopEvents();
        stopResets();
        floor.close();
        kitchen?.close();
        this.floor = null;
        this.kitchen = null;
        figures?.stop();
        stopLoads();
      };
    });

    $effect(() => {
      const status = this.floor?.status ?? null;
      untrack(() => figures?.status(status));
    });
  }

  /** "hace 2 min": when the floor last heard the server, for the offline notice. */
  lastSynced(now: number): string | null {
    const at = this.floor?.lastSyncedAt;
    return at ? formatAgo(at.toISOString(), now) : null;
  }

  /** Reads the server again now (a "Reintentar"). */
  retry(): void {
    this.floor?.retry();
    this.kitchen?.retry();
  }
}
