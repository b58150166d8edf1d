import { actingName, DisplayName, type UserView } from '@smartket/shared';
import { t } from './i18n/index.ts';
import { readStored, writeStored } from './stored.ts';
import { checkField } from './validation.ts';

/**
 * The browser's check of a "Tu nombre" field, with the same shared rule the server applies. A
 * blank one asks for the name itself rather than the generic "Completa este campo".
 */
export function displayNameError(value: string): string | undefined {
  if (value.trim() === '') {
    return t('fields.displayName.required');
  }
  return checkField(DisplayName, value);
}

/** The one letter of the account button: the name's (or the e-mail's) first, in capitals. */
export function avatarInitial(user: Pick<UserView, 'email' | 'displayName'>): string {
  const [first] = Array.from(actingName(user).trim());
  return first ? first.toLocaleUpperCase('es-PE') : '?';
}

/** localStorage key prefix: this device already invited the account to add its name. */
const ASKED_KEY = 'smartket.nameAsked';

/**
 * Whether to invite an account without a name (made before sign-up asked for one) to add it:
 * once, gently — not again on this device after it was shown, whatever the answer.
 */
export function shouldAskForName(user: Pick<UserView, 'id' | 'displayName'>): boolean {
  if (user.displayName) {
    return false;
  }
  // Never asked on this device. Where storage cannot say (undefined), there is nowhere to
  // remember it was asked: better not to ask on every screen.
  return readStored(`${ASKED_KEY}.${user.id}`) === null;
}

/**
 * Remembers, on this device, that the account was invited to add its name. Where storage is full
 * or blocked, at worst it asks once more on the next visit.
 */
export function rememberAskedForName(userId: string): void {
  writeStored(`${ASKED_KEY}.${userId}`, new Date().toISOString());
}
