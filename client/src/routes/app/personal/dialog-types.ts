/**
 * What the team dialogs hand to `Dialog`'s `deactivate` (the shape it declares; spelled out
 * here because the linter cannot read types from a component's module script).
 */
export interface DeactivateAction {
  /** The button at the end of the body, e.g. "Desactivar persona". */
  label: string;
  /** The footer's question, saying how to get it back. */
  question: string;
  /** The danger button, e.g. "Sí, desactivar". */
  confirmLabel: string;
  /** Deactivates; a thrown error is shown in the dialog. */
  onconfirm: () => Promise<void>;
}
