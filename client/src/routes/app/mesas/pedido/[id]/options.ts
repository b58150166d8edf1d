import type { ChosenOptionView, MenuView, OptionGroupView, OptionView, ProductView } from '@smartket/shared';

/** An option group as the waiter is asked it: only its active options, in the owner's order. */
export interface AskedGroup {
  group: OptionGroupView;
  options: OptionView[];
  /** How many must be chosen at least (a required group: one or more); an optional group may be skipped. */
  min: number;
  /** How many may be chosen at most; 1 is a radio group. */
  max: number;
}

/**
 * The groups the waiter must answer for `product`, in the product's order: its active groups
 * with their active options (an optional group with none left is skipped). A product without
 * any is added with one tap.
 */
export function askedGroups(product: ProductView, menu: Pick<MenuView, 'optionGroups'>): AskedGroup[] {
  return product.optionGroupIds.flatMap((groupId) => {
    const group = menu.optionGroups.find((candidate) => candidate.id === groupId);
    if (!group?.active) {
      return [];
    }
    const options = group.options.filter((option) => option.active).sort((a, b) => a.position - b.position);
    // An optional group with nothing left to choose is not asked; a required one still is (and
    // cannot be satisfied), as the server would refuse the dish anyway.
    if (options.length === 0 && !group.required) {
      return [];
    }
    const min = group.required ? Math.max(1, group.minChoices) : group.minChoices;
    return [{ group, options, min, max: Math.max(1, group.maxChoices) }];
  });
}

/** What is wrong with the choice in one group: too few chosen, too many, or nothing. */
export type GroupProblem = { kind: 'too_few'; min: number } | { kind: 'too_many'; max: number } | null;

/**
 * Checks one group's choice against its minimum and maximum, as the server will: an optional
 * group may be skipped, but once something is chosen in it its minimum applies.
 */
export function groupProblem(asked: AskedGroup, chosenIds: readonly string[]): GroupProblem {
  const count = asked.options.filter((option) => chosenIds.includes(option.id)).length;
  if (count === 0 && !asked.group.required) {
    return null;
  }
  if (count < asked.min) {
    return { kind: 'too_few', min: asked.min };
  }
  if (count > asked.max) {
    return { kind: 'too_many', max: asked.max };
  }
  return null;
}

/** The chosen options as the order shows them, in the groups' and options' order. */
export function chosenOptions(
  groups: readonly AskedGroup[],
  chosenIds: readonly string[],
): ChosenOptionView[] {
  return groups.flatMap(({ group, options }) =>
    options
      .filter((option) => chosenIds.includes(option.id))
      .map((option) => ({
        optionId: option.id,
        groupName: group.name,
        name: option.name,
        priceDeltaCents: option.priceDeltaCents,
      })),
  );
}

/**
 * The price of one unit: the product's plus every chosen option's delta. A delta may take money
 * off, never below zero (the server prices it the same way).
 */
export function unitPrice(
  product: Pick<ProductView, 'priceCents'>,
  options: readonly ChosenOptionView[],
): number {
  return Math.max(
    0,
    options.reduce((sum, option) => sum + option.priceDeltaCents, product.priceCents),
  );
}

/** "Pecho · 1/2 · sin ensalada": the options of a line in one short phrase. */
export function optionsText(options: readonly Pick<ChosenOptionView, 'name'>[]): string {
  return options.map((option) => option.name).join(' · ');
}
