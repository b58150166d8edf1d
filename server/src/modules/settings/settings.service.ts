import type { EntityManager } from '@mikro-orm/core';
import { LINES_OF_BUSINESS } from '@smartket/shared';
import { z } from 'zod';
import { Setting } from './setting.entity.ts';

export const BUSINESS_PROFILE_KEY = 'business_profile';

export const BusinessProfile = z.object({
  businessName: z.string(),
  lineOfBusiness: z.enum(LINES_OF_BUSINESS).nullable(),
});
export type BusinessProfile = z.infer<typeof BusinessProfile>;

/** The business profile kept in the tenant's own database, or null before it is written. */
export async function readBusinessProfile(em: EntityManager): Promise<BusinessProfile | null> {
  const setting = await em.findOne(Setting, { key: BUSINESS_PROFILE_KEY });
  return setting ? BusinessProfile.parse(setting.value) : null;
}
