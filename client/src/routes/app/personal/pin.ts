import { isTooSimplePin } from '@smartket/shared';
import { fieldMessage } from '#lib/api/client.ts';

/**
 * The message for a PIN the server would refuse (the shared `Pin` rule: 4–6 digits, not one
 * digit repeated nor a straight run), or undefined. The server stays the authority.
 */
export function pinError(pin: string): string | undefined {
  if (pin === '') {
    return fieldMessage({ code: 'required' });
  }
  if (!/^\d{4,6}$/.test(pin)) {
    return fieldMessage({ code: 'pin_format' });
  }
  return isTooSimplePin(pin) ? fieldMessage({ code: 'pin_too_simple' }) : undefined;
}
