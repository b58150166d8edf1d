import type { MenuView, OptionGroupView, ProductView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { uuid } from '#lib/testing/fixtures.ts';
import { askedGroups, chosenOptions, groupProblem, optionsText, unitPrice } from './options.ts';

function option(name: string, priceDeltaCents = 0, position = 0, active = true) {
  return { id: uuid(), name, priceDeltaCents, position, active };
}

function group(
  overrides: Partial<OptionGroupView> & Pick<OptionGroupView, 'name' | 'options'>,
): OptionGroupView {
  return { id: uuid(), required: false, minChoices: 0, maxChoices: 1, active: true, ...overrides };
}

function product(optionGroupIds: string[], priceCents = 1990): ProductView {
  return {
    id: uuid(),
    name: '1/4 de pollo a la brasa',
    priceCents,
    categoryId: uuid(),
    stationId: null,
    sku: null,
    description: null,
    active: true,
    position: 0,
    optionGroupIds,
  };
}

const parte = group({
  name: 'Parte',
  required: true,
  minChoices: 1,
  maxChoices: 1,
  options: [option('Pierna', 0, 1), option('Pecho', 0, 0)],
});
const cremas = group({
  name: 'Cremas',
  maxChoices: 2,
  options: [
    option('Mayonesa', 0, 0),
    option('Ají', 0, 1),
    option('Ocopa', 0, 2),
    option('Huacatay', 0, 3, false),
  ],
});
const menu: Pick<MenuView, 'optionGroups'> = { optionGroups: [cremas, parte] };

describe('askedGroups', () => {
  it('asks the product’s active groups in the product’s order, with their active options in order', () => {
    const asked = askedGroups(product([parte.id, cremas.id]), menu);
    expect(asked.map((entry) => entry.group.name)).toEqual(['Parte', 'Cremas']);
    expect(asked[0]?.options.map((entry) => entry.name)).toEqual(['Pecho', 'Pierna']);
    expect(asked[1]?.options.map((entry) => entry.name)).toEqual(['Mayonesa', 'Ají', 'Ocopa']);
    expect(asked.map(({ min, max }) => [min, max])).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it('leaves out inactive groups and optional groups with nothing left to choose; a product without any is one tap', () => {
    const off = group({ name: 'Tamaño', active: false, options: [option('Jarra')] });
    const empty = group({ name: 'Extras', options: [option('Queso', 200, 0, false)] });
    expect(askedGroups(product([off.id, empty.id]), { optionGroups: [off, empty] })).toEqual([]);
    expect(askedGroups(product([]), menu)).toEqual([]);
  });

  it('asks a required group for at least one even when its minimum says zero', () => {
    const odd = group({
      name: 'Presa',
      required: true,
      minChoices: 0,
      maxChoices: 2,
      options: [option('Ala')],
    });
    expect(askedGroups(product([odd.id]), { optionGroups: [odd] })[0]?.min).toBe(1);
  });
});

describe('groupProblem', () => {
  const [askedParte, askedCremas] = askedGroups(product([parte.id, cremas.id]), menu);
  const ids = (asked: typeof askedCremas, ...names: string[]): string[] =>
    names.map((name) => asked?.options.find((entry) => entry.name === name)?.id ?? '');

  it('refuses a required group left empty and accepts its one choice', () => {
    expect(askedParte && groupProblem(askedParte, [])).toEqual({ kind: 'too_few', min: 1 });
    expect(askedParte && groupProblem(askedParte, ids(askedParte, 'Pecho'))).toBeNull();
  });

  it('lets an optional group be skipped but not take more than its maximum', () => {
    expect(askedCremas && groupProblem(askedCremas, [])).toBeNull();
    expect(askedCremas && groupProblem(askedCremas, ids(askedCremas, 'Mayonesa', 'Ají'))).toBeNull();
    expect(askedCremas && groupProblem(askedCremas, ids(askedCremas, 'Mayonesa', 'Ají', 'Ocopa'))).toEqual({
      kind: 'too_many',
      max: 2,
    });
  });

  it('applies an optional group’s minimum once something is chosen in it, as the server does', () => {
    const dos = group({
      name: 'Salsas',
      minChoices: 2,
      maxChoices: 3,
      options: [option('A'), option('B'), option('C')],
    });
    const [asked] = askedGroups(product([dos.id]), { optionGroups: [dos] });
    expect(asked && groupProblem(asked, [])).toBeNull();
    expect(asked && groupProblem(asked, [dos.options[0]?.id ?? ''])).toEqual({ kind: 'too_few', min: 2 });
  });

  it('counts only its own options', () => {
    expect(askedParte && groupProblem(askedParte, ids(askedCremas, 'Ají'))).toEqual({
      kind: 'too_few',
      min: 1,
    });
  });
});

describe('chosenOptions and unitPrice', () => {
  it('lists the choices in the groups’ and options’ order with their group, and prices the unit with the deltas', () => {
    const extras = group({
      name: 'Acompañamiento',
      options: [option('Papas y arroz chaufa', 400), option('Solo papas', -150, 1)],
    });
    const source = product([parte.id, extras.id]);
    const asked = askedGroups(source, { optionGroups: [parte, extras] });
    const chosen = chosenOptions(asked, [extras.options[0]?.id ?? '', parte.options[1]?.id ?? '']);
    expect(chosen.map((entry) => `${entry.groupName}: ${entry.name}`)).toEqual([
      'Parte: Pecho',
      'Acompañamiento: Papas y arroz chaufa',
    ]);
    expect(unitPrice(source, chosen)).toBe(2390);
    expect(optionsText(chosen)).toBe('Pecho · Papas y arroz chaufa');
  });

  it('never prices a dish below zero, whatever the deltas', () => {
    const cheap = product([], 300);
    expect(
      unitPrice(cheap, [{ optionId: uuid(), groupName: 'Promo', name: '2x1', priceDeltaCents: -500 }]),
    ).toBe(0);
  });
});
