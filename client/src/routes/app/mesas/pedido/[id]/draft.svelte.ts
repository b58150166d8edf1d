import { ChosenOptionView, MAX_ITEM_QUANTITY, MAX_ITEMS_PER_ROUND } from '@smartket/shared';
import { z } from 'zod';

/** One line the waiter is putting together, not yet sent: what it is and what it costs. */
export interface DraftLine {
  /** The line's own key on this phone (the round's item ids are made when it is sent). */
  key: string;
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  options: ChosenOptionView[];
  note: string | null;
}

const DraftLineSchema = z.object({
  key: z.string(),
  productId: z.uuid(),
  name: z.string(),
  quantity: z.int().min(1).max(MAX_ITEM_QUANTITY),
  unitPriceCents: z.int(),
  options: z.array(ChosenOptionView),
  note: z.string().nullable(),
});
const Stored = z.object({ savedAt: z.number(), lines: z.array(DraftLineSchema) });

const PREFIX = 'smartket.draft.v1';
/** A draft nobody touched for this long belongs to a past shift: it is forgotten. */
const KEPT_MS = 12 * 60 * 60 * 1000;

function storageKey(tenantId: string, orderId: string): string {
  return `${PREFIX}.${tenantId}.${orderId}`;
}

function read(key: string): DraftLine[] {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) {
      return [];
    }
    const parsed = Stored.safeParse(JSON.parse(raw));
    if (!parsed.success || Date.now() - parsed.data.savedAt > KEPT_MS) {
      localStorage.removeItem(key);
      return [];
    }
    return parsed.data.lines;
  } catch {
    // Not JSON (or storage blocked): nothing usable is kept under this key.
    forget(key);
    return [];
  }
}

function forget(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage blocked: there is nothing to forget either.
  }
}

/** Forgets the drafts of past shifts (older than 12 h), whichever order they were for. */
function pruneOld(): void {
  try {
    for (let index = localStorage.length - 1; index >= 0; index--) {
      const key = localStorage.key(index);
      if (key?.startsWith(`${PREFIX}.`)) {
        read(key);
      }
    }
  } catch {
    // Storage blocked: nothing was kept either.
  }
}

const sameOptions = (a: readonly ChosenOptionView[], b: readonly ChosenOptionView[]): boolean =>
  a.length === b.length && a.every((option) => b.some((other) => other.optionId === option.optionId));

/** What the waiter is adding to a line: the product, its chosen options, how many and a note. */
export type DraftAddition = Omit<DraftLine, 'key'>;

/**
 * The items a waiter is putting together for one order before "Enviar a cocina". Kept in
 * localStorage on every change: the phone locking itself (and the idle lock taking the waiter to
 * the PIN screen), a reload or the system killing the app mid-order must not lose what was
 * tapped. It is per order, so another waiter who opens the same table on this phone sees it too.
 */
export class Draft {
  lines = $state<DraftLine[]>([]);
  readonly count = $derived(this.lines.reduce((sum, line) => sum + line.quantity, 0));
  readonly totalCents = $derived(
    this.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
  );
  readonly #key: string;

  constructor(tenantId: string, orderId: string) {
    this.#key = storageKey(tenantId, orderId);
    pruneOld();
    this.lines = read(this.#key);
  }

  /**
   * Adds `addition`: onto the same product with the same options and note when there is one
   * (two taps on "Inca Kola" make one line of 2), else as a new line. False when the round is
   * full (the server takes up to 60 lines at once) — send it first.
   */
  add(addition: DraftAddition): boolean {
    const note = addition.note?.trim() || null;
    const same = this.lines.findIndex(
      (line) =>
        line.productId === addition.productId &&
        line.note === note &&
        sameOptions(line.options, addition.options),
    );
    if (same !== -1) {
      const line = this.lines[same];
      if (line) {
        this.setQuantity(line.key, line.quantity + addition.quantity);
      }
      return true;
    }
    if (this.lines.length >= MAX_ITEMS_PER_ROUND) {
      return false;
    }
    this.lines = [...this.lines, { ...addition, note, key: crypto.randomUUID() }];
    this.#save();
    return true;
  }

  /** Sets a line's quantity (1 to 99); 0 removes it. */
  setQuantity(key: string, quantity: number): void {
    if (quantity <= 0) {
      this.remove(key);
      return;
    }
    const capped = Math.min(MAX_ITEM_QUANTITY, quantity);
    this.lines = this.lines.map((line) => (line.key === key ? { ...line, quantity: capped } : line));
    this.#save();
  }

  setNote(key: string, note: string): void {
    const clean = note.trim() || null;
    this.lines = this.lines.map((line) => (line.key === key ? { ...line, note: clean } : line));
    this.#save();
  }

  remove(key: string): void {
    this.lines = this.lines.filter((line) => line.key !== key);
    this.#save();
  }

  /** Takes out the lines just sent; anything tapped while they were on their way stays. */
  drop(keys: readonly string[]): void {
    this.lines = this.lines.filter((line) => !keys.includes(line.key));
    this.#save();
  }

  /** Empties it (the order is gone). */
  clear(): void {
    this.lines = [];
    this.#save();
  }

  #save(): void {
    try {
      if (this.lines.length === 0) {
        localStorage.removeItem(this.#key);
      } else {
        localStorage.setItem(this.#key, JSON.stringify({ savedAt: Date.now(), lines: this.lines }));
      }
    } catch {
      // Storage full or blocked: the draft still lives on screen until it is sent.
    }
  }
}
