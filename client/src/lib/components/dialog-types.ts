/**
 * Deactivating from an edit dialog (`Dialog`'s `deactivate`): a link-like button at the end of
 * the body asks, the footer turns into the question with its own two buttons, and the second tap
 * does it. A plain module, not the component's module script, so the linter reads the type in
 * every screen that builds one.
 */
export interface DeactivateAction {
  /** The button at the end of the body, e.g. "Desactivar mesa". */
  label: string;
  /** The footer's question; say how to get it back (nothing is ever deleted). */
  question: string;
  /** The danger button, e.g. "Sí, desactivar". Short: it shares a row with "Cancelar" at 360 px. */
  confirmLabel: string;
  /** Deactivates; the parent closes the dialog when it resolves. A thrown error is shown. */
  onconfirm: () => Promise<void>;
}
