import type { NavItem } from './screens.ts';

/** How many entries a phone's bottom bar holds, "Más" included. */
export const PHONE_BAR_SLOTS = 5;

/**
 * A phone's bottom bar and what waits under its "Más": every `bar` entry, then the `more` ones
 * while there is room. When they do not all fit, the last slot is "Más" with the rest, in order.
 */
export function phoneNav(items: readonly NavItem[]): { bar: NavItem[]; more: NavItem[] } {
  const onPhones = items.filter((item) => item.phone !== 'account');
  if (onPhones.length <= PHONE_BAR_SLOTS) {
    return { bar: onPhones, more: [] };
  }
  const room = PHONE_BAR_SLOTS - 1 - onPhones.filter((item) => item.phone === 'bar').length;
  const promoted = new Set(onPhones.filter((item) => item.phone === 'more').slice(0, Math.max(0, room)));
  return {
    bar: onPhones.filter((item) => item.phone === 'bar' || promoted.has(item)),
    more: onPhones.filter((item) => item.phone === 'more' && !promoted.has(item)),
  };
}
