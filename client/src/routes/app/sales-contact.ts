import type { TenantView } from '@smartket/shared';
import { t } from '#lib/i18n/index.ts';

/**
 * How an owner reaches us to activate a plan. There is no online payment yet: our team
 * activates it with `npm run tenants:plan`, so the message names the account's slug.
 */
export const SALES_WHATSAPP = '51999999999';
export const SALES_EMAIL = 'ventas@smartket.pe';

export interface SalesLinks {
  whatsapp: string;
  email: string;
}

/** Why the owner writes: to activate a plan, or for help with the one they have. */
export type SalesPurpose = 'activate' | 'help';

/** A WhatsApp chat and an e-mail, both already saying which business writes and why. */
export function salesLinks(
  tenant: Pick<TenantView, 'businessName' | 'slug'> | null,
  purpose: SalesPurpose,
): SalesLinks {
  const params = { business: tenant?.businessName ?? '', slug: tenant?.slug ?? '' };
  const message = !tenant
    ? t('app.contact.messageAnonymous')
    : purpose === 'activate'
      ? t('app.contact.message', params)
      : t('app.contact.helpMessage', params);
  const subject =
    purpose === 'activate' ? t('app.contact.subject', params) : t('app.contact.helpSubject', params);
  return {
    whatsapp: `https://wa.me/${SALES_WHATSAPP}?text=${encodeURIComponent(message)}`,
    email: `mailto:${SALES_EMAIL}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(message)}`,
  };
}
