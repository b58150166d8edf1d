/**
 * Which of a screen's menu actions happened last (add a product, import a file, load the sample).
 * Each action takes a ticket when it starts and shows its result only while its ticket is still
 * the latest, so an old "Importamos 3 productos" does not linger after the next action.
 */
export class LatestAction {
  current = $state(0);

  /** A new action starts: every earlier result steps aside. Returns this action's ticket. */
  start(): number {
    this.current += 1;
    return this.current;
  }

  /** Whether the result of the action with `ticket` is still the one to show. */
  isLatest(ticket: number): boolean {
    return ticket === this.current;
  }
}
