import type { CategoryView, MenuView, OptionGroupView, ProductView, StationView } from '@smartket/shared';
import { ApiError, errorMessage } from '#lib/api/client.ts';
import { listStations } from '#lib/api/branches.ts';
import { fetchMenu, updateCategory } from '#lib/api/menu.ts';
import { searchable } from '#lib/search.ts';

type Positioned = { position: number; name: string };

function byPosition(a: Positioned, b: Positioned): number {
  return a.position - b.position || a.name.localeCompare(b.name, 'es');
}

function upsert<Item extends { id: string }>(list: readonly Item[], item: Item): Item[] {
  const index = list.findIndex((existing) => existing.id === item.id);
  return index === -1 ? [...list, item] : list.with(index, item);
}

/** The dialog open on the carta, if any: a null row is a new one. */
export type Editing =
  | { kind: 'category'; category: CategoryView | null }
  | { kind: 'product'; product: ProductView | null; categoryId: string | null }
  | { kind: 'group'; group: OptionGroupView | null }
  | null;

/** A category as the Products tab shows it, with the products that pass the toggle and the search. */
export interface MenuSection {
  category: CategoryView;
  products: ProductView[];
}

/**
 * The owner's menu as the screen shows it: loaded once, then kept in step with each write's
 * answer (no reload after every save), ordered the way the server orders it.
 */
export class MenuStore {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  categories = $state<CategoryView[]>([]);
  products = $state<ProductView[]>([]);
  optionGroups = $state<OptionGroupView[]>([]);
  stations = $state<StationView[]>([]);
  /** The stations could not be read: station pickers offer "none" only. */
  stationsFailed = $state(false);

  readonly sortedCategories = $derived([...this.categories].sort(byPosition));
  readonly activeCategories = $derived(this.sortedCategories.filter((category) => category.active));
  readonly activeProductCount = $derived(this.products.filter((product) => product.active).length);
  readonly isEmpty = $derived(this.categories.length === 0 && this.products.length === 0);

  /** The search box of the Products tab. */
  query = $state('');
  /** Inactive categories, products and groups are listed too (both tabs share the toggle). */
  showInactive = $state(false);

  readonly needle = $derived(searchable(this.query.trim()));
  readonly visibleCategories = $derived(
    this.sortedCategories.filter((category) => this.showInactive || category.active),
  );
  /** Categories with the products to show under each: filtered by the toggle and the search. */
  readonly sections: MenuSection[] = $derived(
    this.visibleCategories
      .map((category) => {
        const categoryMatches = this.needle !== '' && searchable(category.name).includes(this.needle);
        const products = this.productsOf(category.id)
          .filter((product) => this.showInactive || product.active)
          .filter(
            (product) =>
              this.needle === '' ||
              categoryMatches ||
              searchable(`${product.name} ${product.sku ?? ''} ${product.description ?? ''}`).includes(
                this.needle,
              ),
          );
        return {
          category,
          products,
          hidden: this.needle !== '' && !categoryMatches && products.length === 0,
        };
      })
      .filter((section) => !section.hidden),
  );
  readonly foundCount = $derived(this.sections.reduce((sum, section) => sum + section.products.length, 0));
  readonly visibleGroups = $derived(
    [...this.optionGroups]
      .filter((group) => this.showInactive || group.active)
      .sort((a, b) => a.name.localeCompare(b.name, 'es')),
  );
  readonly inactiveCount = $derived(
    this.categories.filter((category) => !category.active).length +
      this.products.filter((product) => !product.active).length +
      this.optionGroups.filter((group) => !group.active).length,
  );

  /** Loads the menu and the stations; a failure of the stations alone is not fatal. */
  async load(signal?: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.error = null;
    const options = signal ? { signal } : {};
    const [menu, stations] = await Promise.allSettled([fetchMenu(options), listStations(options)]);
    if (signal?.aborted) {
      return;
    }
    if (menu.status === 'rejected') {
      this.status = 'error';
      this.error = menu.reason instanceof ApiError ? menu.reason.message : errorMessage('network');
      return;
    }
    this.replace(menu.value);
    this.stations = stations.status === 'fulfilled' ? [...stations.value].sort(byPosition) : [];
    this.stationsFailed = stations.status === 'rejected';
    this.status = 'ready';
  }

  /** Reads the menu again without a loading state (after an import or the sample menu). */
  async refresh(): Promise<void> {
    try {
      this.replace(await fetchMenu());
    } catch {
      // What is on screen stays; the next load catches up.
    }
  }

  replace(menu: MenuView): void {
    this.categories = menu.categories;
    this.products = menu.products;
    this.optionGroups = menu.optionGroups;
  }

  putCategory(category: CategoryView): void {
    this.categories = upsert(this.categories, category);
  }

  putProduct(product: ProductView): void {
    this.products = upsert(this.products, product);
  }

  putOptionGroup(group: OptionGroupView): void {
    this.optionGroups = upsert(this.optionGroups, group);
  }

  category(id: string | null): CategoryView | undefined {
    return id === null ? undefined : this.categories.find((category) => category.id === id);
  }

  station(id: string | null): StationView | undefined {
    return id === null ? undefined : this.stations.find((station) => station.id === id);
  }

  stationName(id: string | null): string | null {
    return this.station(id)?.name ?? null;
  }

  /** The category sends nothing to a kitchen screen: no station, and products without their own. */
  reachesNoStation(category: CategoryView): boolean {
    if (category.stationId !== null) {
      return false;
    }
    const products = this.productsOf(category.id).filter((product) => product.active);
    return products.length === 0 || products.some((product) => product.stationId === null);
  }

  /** A category's products in menu order. */
  productsOf(categoryId: string): ProductView[] {
    return this.products.filter((product) => product.categoryId === categoryId).sort(byPosition);
  }

  /**
   * Moves a category one place up (-1) or down (+1) among `visible` and saves the new order.
   * Positions are renumbered 0..n-1 so ties (everything at 0) cannot hide a move; only the
   * categories whose number changed are sent.
   */
  async moveCategory(id: string, direction: -1 | 1, visible: readonly CategoryView[]): Promise<void> {
    const from = visible.findIndex((category) => category.id === id);
    const to = from + direction;
    const neighbour = visible[to];
    const moving = visible[from];
    if (from === -1 || !neighbour || !moving) {
      return;
    }
    const order = [...this.sortedCategories];
    const a = order.findIndex((category) => category.id === moving.id);
    const b = order.findIndex((category) => category.id === neighbour.id);
    order[a] = neighbour;
    order[b] = moving;
    const changed = order
      .map((category, position) => ({ category, position }))
      .filter(({ category, position }) => category.position !== position);
    // Shown at once; the answers confirm it (or the reload after a failure puts it back).
    this.categories = this.categories.map((category) => {
      const moved = changed.find((entry) => entry.category.id === category.id);
      return moved ? { ...category, position: moved.position } : category;
    });
    try {
      for (const { category, position } of changed) {
        this.putCategory(await updateCategory(category.id, { position }));
      }
    } catch (error) {
      await this.refresh();
      throw error;
    }
  }
}
