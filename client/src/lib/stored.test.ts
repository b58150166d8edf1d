import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readStored, writeStored } from './stored.ts';

/** A browser storage in memory: the client tests run without a DOM. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

function refusing(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const refuse = (): never => {
    throw new Error('SecurityError');
  };
  return { getItem: refuse, setItem: refuse, removeItem: refuse };
}

describe('browser storage', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads back what it kept, in the area it kept it, and forgets it with null', () => {
    expect(readStored('smartket.test')).toBeNull();
    writeStored('smartket.test', 'a');
    writeStored('smartket.test', 'b', 'session');
    expect(readStored('smartket.test')).toBe('a');
    expect(readStored('smartket.test', 'session')).toBe('b');
    writeStored('smartket.test', null);
    expect(readStored('smartket.test')).toBeNull();
    expect(readStored('smartket.test', 'session')).toBe('b');
  });

  it('says it cannot tell, rather than "nothing kept", where storage refuses or is missing', () => {
    vi.stubGlobal('localStorage', refusing());
    vi.stubGlobal('sessionStorage', undefined);
    expect(readStored('smartket.test')).toBeUndefined();
    expect(readStored('smartket.test', 'session')).toBeUndefined();
    expect(() => writeStored('smartket.test', 'a')).not.toThrow();
    expect(() => writeStored('smartket.test', null)).not.toThrow();
    expect(() => writeStored('smartket.test', 'a', 'session')).not.toThrow();
  });

  it('survives a browser where even reaching storage throws', () => {
    vi.stubGlobal('localStorage', undefined);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new Error('SecurityError');
      },
    });
    expect(readStored('smartket.test')).toBeUndefined();
    expect(() => writeStored('smartket.test', 'a')).not.toThrow();
  });
});
