import { fetchCurrentTenant } from '#lib/api/auth.ts';
import type { RequestOptions } from '#lib/api/client.ts';
import { device } from '#lib/stores/device.svelte.ts';

/**
 * Reads whether the business behind this device can be used now (its trial ended): staff then
 * see a plain notice, the owner gets the lock screen on their own session. A failure (offline,
 * a hiccup) leaves it as it was; a write's 402 would say so later.
 */
export async function readBusinessLock(options?: RequestOptions): Promise<void> {
  try {
    device.businessLocked = (await fetchCurrentTenant(options)).tenant.readOnly;
  } catch {
    // Unknown for now: the screens load and show their own errors.
  }
}
