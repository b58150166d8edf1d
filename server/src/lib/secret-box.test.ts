import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const sealed = box.encrypt('clave-del-rol');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('clave-del-rol');
    expect(box.encrypt('clave-del-rol')).not.toBe(sealed);
    expect(box.decrypt(sealed)).toBe('clave-del-rol');
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = box.encrypt('clave-del-rol');
    const parts = sealed.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('otra-cosa').toString('base64url')].join(':');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('accepts hex and base64 keys of 32 bytes only', () => {
    const key = randomBytes(32);
    expect(SecretBox.fromString(key.toString('hex')).decrypt(new SecretBox(key).encrypt('x'))).toBe('x');
    expect(SecretBox.fromString(key.toString('base64')).decrypt(new SecretBox(key).encrypt('x'))).toBe('x');
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
