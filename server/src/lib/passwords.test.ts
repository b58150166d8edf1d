import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP minimum and verifies', async () => {
    const stored = await hashPassword('pollo-a-la-brasa-2026');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'pollo-a-la-brasa-2026')).toBe(true);
    expect(await verifyPassword(stored, 'pollo-a-la-brasa-2027')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it.each([
    'password123',
    'Contraseña123',
    '1234567890',
    '0987654321',
    'aaaaaaaaaaaa',
    'qwertyuiop',
    'abcdefghijk',
  ])('calls %s common', (password) => expect(isCommonPassword(password)).toBe(true));

  it.each(['pollo-a-la-brasa-2026', 'Mi caja cierra a las 11', 'zxq-93-lima-norte'])(
    'accepts %s',
    (password) => expect(isCommonPassword(password)).toBe(false),
  );
});
