import type { RegisterStateView } from '@smartket/shared';
import { readStored, writeStored } from '#lib/stored.ts';

/** localStorage key: the register each branch's till screen works on, on this device. */
const CHOICE_KEY = 'smartket.cashRegister';

type Choices = Record<string, string>;

function readChoices(): Choices {
  try {
    const parsed: unknown = JSON.parse(readStored(CHOICE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Choices) : {};
  } catch {
    return {};
  }
}

/** The register this device last worked on in the branch, if any. */
export function rememberedRegister(tenantId: string, branchId: string): string | null {
  const value = readChoices()[`${tenantId}:${branchId}`];
  return typeof value === 'string' ? value : null;
}

/**
 * Keeps (or, with null, forgets) the register this device works on in the branch. Where storage
 * is blocked or full, the choice lasts as long as the screen.
 */
export function rememberRegister(tenantId: string, branchId: string, registerId: string | null): void {
  const choices = readChoices();
  const key = `${tenantId}:${branchId}`;
  if (registerId) {
    choices[key] = registerId;
  } else {
    delete choices[key];
  }
  writeStored(CHOICE_KEY, JSON.stringify(choices));
}

/**
 * The register the till screen shows: the one this device chose (while it is still active),
 * else the branch's only one; null when there are several and none was chosen yet.
 */
export function registerShown(
  states: readonly RegisterStateView[],
  remembered: string | null,
): RegisterStateView | null {
  const chosen = states.find((state) => state.register.id === remembered);
  if (chosen) {
    return chosen;
  }
  return states.length === 1 ? (states[0] ?? null) : null;
}

/** Where a charge's cash goes: a session to use, none open, or several open to choose from. */
export type ChargeSession =
  | { kind: 'ready'; state: RegisterStateView & { session: NonNullable<RegisterStateView['session']> } }
  | { kind: 'closed' }
  | { kind: 'pick'; open: RegisterStateView[] };

/**
 * The open session a charge goes to: this device's register when it is open, else the branch's
 * only open one. Several open and none chosen here: the cashier picks.
 */
export function chargeSession(
  states: readonly RegisterStateView[],
  remembered: string | null,
): ChargeSession {
  const open = states.filter(
    (state): state is RegisterStateView & { session: NonNullable<RegisterStateView['session']> } =>
      state.session?.status === 'open',
  );
  const chosen = open.find((state) => state.register.id === remembered);
  if (chosen) {
    return { kind: 'ready', state: chosen };
  }
  const [only, ...others] = open;
  if (!only) {
    return { kind: 'closed' };
  }
  return others.length === 0 ? { kind: 'ready', state: only } : { kind: 'pick', open };
}
