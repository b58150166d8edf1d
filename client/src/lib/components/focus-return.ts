import { tick } from 'svelte';

/**
 * After a dialog closed: `Dialog` gives the focus back to the control that opened it, but that
 * control may be gone (a table just deactivated, a device just unpaired, a "Reactivar" that
 * replaced "Editar"). Then the focus goes to `fallback` (a section heading) instead of the page's top.
 */
export async function refocusAfterDialog(fallback: () => HTMLElement | null): Promise<void> {
  await tick();
  // After the dialog's own attempt, which runs on the next frame.
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected) {
      fallback()?.focus();
    }
  });
}

/**
 * After a save: the saved row or card (the element with `data-row="key"`) takes the focus, and
 * a new one is scrolled into view first (`scroll`), so the owner sees where it landed.
 */
export async function focusRow(key: string, scroll = false): Promise<void> {
  await tick();
  const row = document.querySelector<HTMLElement>(`[data-row="${key}"]`);
  if (scroll) {
    row?.scrollIntoView({ block: 'center' });
  }
  row?.focus({ preventScroll: true });
}
