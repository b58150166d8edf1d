import { t } from '#lib/i18n/index.ts';
import type { WriteBlock } from '#lib/stores/write-access.svelte.ts';

/**
 * Why a form cannot be saved right now, for the line under its buttons; null when it can.
 * Pages say it once at the top for 'offline'; 'read_only' has the shell's banner already.
 */
export function blockedReason(block: WriteBlock): string | null {
  if (block === 'offline') {
    return t('app.writeBlock.offline');
  }
  if (block === 'read_only') {
    return t('errors.TRIAL_EXPIRED');
  }
  return null;
}
