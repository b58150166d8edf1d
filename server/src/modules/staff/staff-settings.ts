import type { EntityManager } from '@mikro-orm/core';
import { IDLE_LOCK_MINUTES_DEFAULT, StaffSettings } from '@smartket/shared';
import { Setting } from '../settings/setting.entity.ts';

export const STAFF_SETTINGS_KEY = 'staff_settings';

/** The tenant's staff settings (idle lock), or the defaults before the owner changed them. */
export async function readStaffSettings(em: EntityManager): Promise<StaffSettings> {
  const setting = await em.findOne(Setting, { key: STAFF_SETTINGS_KEY });
  const parsed = StaffSettings.safeParse(setting?.value);
  return parsed.success ? parsed.data : { idleLockMinutes: IDLE_LOCK_MINUTES_DEFAULT };
}
