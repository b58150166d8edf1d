import { PAIRING_CODE_ALPHABET } from '@smartket/shared';

const CODE_LENGTH = 8;
// The largest multiple of the alphabet's size below 256: bytes above it would favour some letters.
const UNBIASED_LIMIT = 256 - (256 % PAIRING_CODE_ALPHABET.length);

/** A new pairing code: 8 characters drawn uniformly from the alphabet without look-alikes. */
export function newPairingCode(): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < UNBIASED_LIMIT && code.length < CODE_LENGTH) {
        code += PAIRING_CODE_ALPHABET[byte % PAIRING_CODE_ALPHABET.length];
      }
    }
  }
  return code;
}

/** `ABCD-EFGH`: how a code is shown and put in the pairing link, easy to read aloud and type. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
