import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { avatarInitial, displayNameError, rememberAskedForName, shouldAskForName } from './display-name.ts';
import { uuid } from './testing/fixtures.ts';

describe('displayNameError', () => {
  it('asks for the name itself when it is blank', () => {
    expect(displayNameError('')).toBe('Escribe tu nombre.');
    expect(displayNameError(' \n ')).toBe('Escribe tu nombre.');
  });

  it('says how long a name may be, counting after the spaces are folded', () => {
    expect(displayNameError('x'.repeat(61))).toBe('Usa como máximo 60 caracteres.');
    expect(displayNameError(`${'x'.repeat(30)}    ${'y'.repeat(29)}`)).toBeUndefined();
  });

  it('takes a name', () => {
    expect(displayNameError('Pepa Quispe')).toBeUndefined();
  });
});

describe('avatarInitial', () => {
  it('is the first letter of the name, in capitals', () => {
    expect(avatarInitial({ email: 'dueno@example.pe', displayName: 'ñato Pérez' })).toBe('Ñ');
  });

  it('is the e-mail’s first letter for an account without a name', () => {
    expect(avatarInitial({ email: 'rosa@example.pe', displayName: null })).toBe('R');
  });

  it('keeps a letter outside the basic plane whole', () => {
    expect(avatarInitial({ email: 'x@example.pe', displayName: '𝒜na' })).toBe('𝒜');
  });
});

describe('asking an account without a name for one', () => {
  let store: Map<string, string>;

  beforeEach(() => {
    store = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks once per account on this device, and never an account with a name', () => {
    const unnamed = { id: uuid(), displayName: null };
    const other = { id: uuid(), displayName: null };
    expect(shouldAskForName({ id: uuid(), displayName: 'Pepa' })).toBe(false);
    expect(shouldAskForName(unnamed)).toBe(true);
    rememberAskedForName(unnamed.id);
    expect(shouldAskForName(unnamed)).toBe(false);
    expect(shouldAskForName(other)).toBe(true);
  });

  it('does not ask where nothing can be remembered, rather than on every visit', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(shouldAskForName({ id: uuid(), displayName: null })).toBe(false);
    expect(() => rememberAskedForName(uuid())).not.toThrow();
  });
});
