import type { BranchView } from '@smartket/shared';
import { untrack } from 'svelte';
import { listBranches } from '#lib/api/branches.ts';
import { device } from '#lib/stores/device.svelte.ts';
import { readStored, writeStored } from '#lib/stored.ts';
import { byActiveThenName } from './locales/branch-order.ts';
import { Resource } from './resource.svelte.ts';

/** sessionStorage key: the branch an owner last looked at on the service screens (tables, kitchen). */
const CHOICE_KEY = 'smartket.serviceBranch';

/**
 * The branch a service screen shows. A paired device has one: its own. An owner or admin picks
 * among the active branches (the last one chosen in this tab, else the first by name).
 */
export class BranchChoice {
  /** Only loaded for e-mail users; a device never lists the other branches. */
  readonly branches = new Resource(async (signal) =>
    (await listBranches({ signal })).filter((branch) => branch.active).sort(byActiveThenName),
  );
  #picked = $state<string | null>(readStored(CHOICE_KEY, 'session') ?? null);

  /** The branches an owner may switch between (empty on a device). */
  readonly options = $derived<BranchView[]>(device.view ? [] : (this.branches.data ?? []));

  readonly branchId = $derived.by<string | null>(() => {
    if (device.view) {
      return device.view.device.branchId;
    }
    const options = this.options;
    return options.find((branch) => branch.id === this.#picked)?.id ?? options[0]?.id ?? null;
  });

  readonly branchName = $derived(
    device.view?.device.branchName ?? this.options.find((branch) => branch.id === this.branchId)?.name ?? '',
  );

  /** Still finding out which branch (an owner's list is loading, or failed: see `branches.state`). */
  readonly pending = $derived(!device.view && this.branches.state.status !== 'ready');

  /** Starts loading the owner's branches; a device needs nothing. */
  start(): void {
    if (!untrack(() => device.view)) {
      this.branches.load();
    }
  }

  /** Shows `id` and keeps it for this tab (where storage is blocked, until the next reload). */
  pick(id: string): void {
    this.#picked = id;
    writeStored(CHOICE_KEY, id, 'session');
  }
}
