import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANT, uuid } from '#lib/testing/fixtures.ts';
import { Draft, type DraftAddition } from './draft.svelte.ts';

/** The browser's localStorage, in memory: the client tests run without a DOM. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

const chicken: DraftAddition = {
  productId: uuid(),
  name: '1/4 de pollo a la brasa',
  quantity: 1,
  unitPriceCents: 1990,
  options: [{ optionId: uuid(), groupName: 'Parte', name: 'Pecho', priceDeltaCents: 0 }],
  note: null,
};
const kola: DraftAddition = {
  productId: uuid(),
  name: 'Inca Kola 500 ml',
  quantity: 1,
  unitPriceCents: 500,
  options: [],
  note: null,
};

describe('Draft', () => {
  let orderId: string;

  beforeEach(() => {
    vi.stubGlobal('localStorage', new MemoryStorage());
    orderId = uuid();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('adds a second tap on the same dish, options and note to its line; another note is another line', () => {
    const draft = new Draft(TENANT, orderId);
    draft.add(chicken);
    draft.add({ ...chicken, note: '  ' });
    draft.add(kola);
    draft.add({ ...chicken, note: 'sin ensalada' });
    expect(draft.lines.map((line) => [line.name, line.quantity, line.note])).toEqual([
      ['1/4 de pollo a la brasa', 2, null],
      ['Inca Kola 500 ml', 1, null],
      ['1/4 de pollo a la brasa', 1, 'sin ensalada'],
    ]);
    expect(draft.count).toBe(4);
    expect(draft.totalCents).toBe(3 * 1990 + 500);
  });

  it('keeps the same dish with other options apart', () => {
    const draft = new Draft(TENANT, orderId);
    draft.add(chicken);
    draft.add({
      ...chicken,
      options: [{ optionId: uuid(), groupName: 'Parte', name: 'Pierna', priceDeltaCents: 0 }],
    });
    expect(draft.lines).toHaveLength(2);
  });

  it('takes a line out at zero and never past 99', () => {
    const draft = new Draft(TENANT, orderId);
    draft.add(kola);
    const key = draft.lines[0]?.key ?? '';
    draft.setQuantity(key, 250);
    expect(draft.lines[0]?.quantity).toBe(99);
    draft.setQuantity(key, 0);
    expect(draft.lines).toEqual([]);
  });

  it('survives the screen going away: a new draft of the same order reads what was tapped, another order does not', () => {
    const first = new Draft(TENANT, orderId);
    first.add(chicken);
    first.setNote(first.lines[0]?.key ?? '', ' bien cocido ');
    expect(new Draft(TENANT, orderId).lines.map((line) => [line.name, line.note])).toEqual([
      ['1/4 de pollo a la brasa', 'bien cocido'],
    ]);
    expect(new Draft(TENANT, uuid()).lines).toEqual([]);
  });

  it('drops only the lines that were sent: what was tapped meanwhile stays', () => {
    const draft = new Draft(TENANT, orderId);
    draft.add(chicken);
    const sent = draft.lines.map((line) => line.key);
    draft.add(kola);
    draft.drop(sent);
    expect(draft.lines.map((line) => line.name)).toEqual(['Inca Kola 500 ml']);
    expect(new Draft(TENANT, orderId).lines.map((line) => line.name)).toEqual(['Inca Kola 500 ml']);
  });

  it('forgets a draft of a past shift (12 hours) and anything it cannot read', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-06T20:00:00Z'));
    new Draft(TENANT, orderId).add(kola);
    localStorage.setItem(`smartket.draft.v1.${TENANT}.broken`, '{not json');
    vi.setSystemTime(new Date('2026-03-07T08:30:00Z'));
    expect(new Draft(TENANT, orderId).lines).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('refuses a 61st line: a round takes 60', () => {
    const draft = new Draft(TENANT, orderId);
    for (let index = 0; index < 60; index++) {
      expect(draft.add({ ...kola, productId: uuid() })).toBe(true);
    }
    expect(draft.add({ ...kola, productId: uuid() })).toBe(false);
    // More of a dish already there still fits.
    expect(draft.add({ ...kola, productId: draft.lines[0]?.productId ?? '' })).toBe(true);
    expect(draft.lines).toHaveLength(60);
  });
});
