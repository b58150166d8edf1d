import { describe, expect, it } from 'vitest';
import { actingName, DisplayName, UserView } from './auth.schema.ts';

describe('actingName', () => {
  it('is the display name when there is one', () => {
    expect(actingName({ email: 'dueno.xyz@gmail.com', displayName: 'Pepa Quispe' })).toBe('Pepa Quispe');
  });

  it('is the e-mail’s part before the @ for an account without a name, never the whole address', () => {
    expect(actingName({ email: 'dueno.xyz@gmail.com', displayName: null })).toBe('dueno.xyz');
    expect(actingName({ email: 'dueno.xyz@gmail.com' })).toBe('dueno.xyz');
    expect(actingName({ email: 'dueno.xyz@gmail.com', displayName: '' })).toBe('dueno.xyz');
  });

  it('cuts at the last @ (a quoted local part may hold one)', () => {
    expect(actingName({ email: '"a@b"@example.pe', displayName: null })).toBe('"a@b"');
  });
});

describe('DisplayName', () => {
  it('trims and folds runs of spaces and line breaks into one space', () => {
    expect(DisplayName.parse('  Pepa \n\t Quispe  ')).toBe('Pepa Quispe');
  });

  it('takes 1 to 60 characters', () => {
    expect(DisplayName.parse('P')).toBe('P');
    expect(DisplayName.parse('ñ'.repeat(60))).toHaveLength(60);
    expect(DisplayName.safeParse('ñ'.repeat(61)).success).toBe(false);
    expect(DisplayName.safeParse('   ').success).toBe(false);
    expect(DisplayName.safeParse(undefined).success).toBe(false);
  });

  it('counts the length after folding the spaces', () => {
    expect(DisplayName.parse(`${'a'.repeat(30)}     ${'b'.repeat(29)}`)).toHaveLength(60);
  });
});

describe('UserView', () => {
  it('reads a copy of /me kept on a device from before names (no displayName) as a user without one', () => {
    const stored = {
      id: '7f1c1b9e-3d2a-4f6b-9c1e-2a4b6d8f0a1c',
      email: 'a@b.pe',
      createdAt: '2026-11-02T15:00:00.000Z',
    };
    expect(UserView.parse(stored).displayName).toBeNull();
  });
});
