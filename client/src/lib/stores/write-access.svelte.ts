import { network } from './network.svelte.ts';
import { session } from './session.svelte.ts';

/** Why changes cannot be sent right now: no connection, or the trial ended (read-only). */
export type WriteBlock = 'offline' | 'read_only' | null;

/**
 * Whether a screen may send changes now. Read it inside `$derived` or a template: it follows
 * the browser's online state and the tenant's trial lock. The server stays the authority.
 */
export function writeBlock(): WriteBlock {
  if (!network.online) {
    return 'offline';
  }
  if (session.locked) {
    return 'read_only';
  }
  return null;
}
