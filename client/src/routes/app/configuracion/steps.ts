import type { SetupStep, SetupView } from '@smartket/shared';
import type { MessageKey } from '#lib/i18n/index.ts';

export interface WizardStep {
  step: SetupStep;
  /** The `?paso=` value: Spanish, because owners see it in the address bar. */
  slug: 'datos-fiscales' | 'local' | 'caja' | 'productos';
  title: MessageKey;
}

/** The four steps in order. */
export const WIZARD_STEPS: readonly WizardStep[] = [
  { step: 'fiscal', slug: 'datos-fiscales', title: 'setup.steps.fiscal' },
  { step: 'branch', slug: 'local', title: 'setup.steps.branch' },
  { step: 'cash_register', slug: 'caja', title: 'setup.steps.cashRegister' },
  { step: 'products', slug: 'productos', title: 'setup.steps.products' },
];

/** Whether `step` is saved in `setup`. */
export function isStepDone(setup: SetupView, step: SetupStep): boolean {
  switch (step) {
    case 'fiscal':
      return setup.fiscal !== null;
    case 'branch':
      return setup.branch !== null;
    case 'cash_register':
      return setup.cashRegister !== null;
    case 'products':
      return setup.productCount > 0;
  }
}

/** Index of the step the server says comes next (the last one once all are done). */
export function nextStepIndex(setup: SetupView): number {
  const index = WIZARD_STEPS.findIndex((entry) => entry.step === setup.nextStep);
  return index === -1 ? WIZARD_STEPS.length - 1 : index;
}

/** A step may be opened when it is done or not past the next one to do. */
export function isStepReachable(setup: SetupView, index: number): boolean {
  const entry = WIZARD_STEPS[index];
  return entry !== undefined && (index <= nextStepIndex(setup) || isStepDone(setup, entry.step));
}

/**
 * The step to show: the one in `?paso=` when it may be opened, otherwise the next one to do.
 */
export function currentStepIndex(setup: SetupView, slug: string | null): number {
  const requested = WIZARD_STEPS.findIndex((entry) => entry.slug === slug);
  return requested !== -1 && isStepReachable(setup, requested) ? requested : nextStepIndex(setup);
}

/** The first step a `SETUP_INCOMPLETE` answer names as missing (its `fields` keys). */
export function firstMissingStep(fields: Readonly<Record<string, string>>): number | null {
  const index = WIZARD_STEPS.findIndex((entry) => entry.step in fields);
  return index === -1 ? null : index;
}
