import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** `bytes` random bytes as lower-case base32: URL- and cookie-safe, no padding. */
export function randomToken(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The SHA-256 of a secret as 64 hex characters: what the database keeps instead of the secret. */
export function hashToken(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Whether `secret` hashes to `expectedHex`, compared in constant time. */
export function tokenMatches(secret: string, expectedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(expectedHex)) {
    return false;
  }
  const expected = new Uint8Array(Buffer.from(expectedHex, 'hex'));
  return constantTimeEqual(sha256(new TextEncoder().encode(secret)), expected);
}
