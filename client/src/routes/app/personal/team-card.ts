/** After a dialog: the `TeamCard` of `id` takes the focus (and is scrolled to when asked). */
export function focusTeamCard(id: string, scroll = false): void {
  const card = document.querySelector<HTMLElement>(`[data-team-card="${id}"]`);
  if (scroll) {
    card?.scrollIntoView({ block: 'center' });
  }
  card?.focus({ preventScroll: true });
}
