import { describe, expect, it } from 'vitest';
import { assignDefined } from './assign.ts';

interface Branch {
  name: string;
  address: string | null;
  active: boolean;
}

describe('assignDefined', () => {
  it('copies the listed fields the patch sets, null included, and leaves the rest', () => {
    const branch: Branch = { name: 'Local Central', address: 'Av. Brasil 1450', active: true };
    assignDefined(branch, { name: 'Local Lince', address: null, active: undefined }, [
      'name',
      'address',
      'active',
    ]);
    expect(branch).toEqual({ name: 'Local Lince', address: null, active: true });
  });

  it('copies only the fields it is told to', () => {
    const branch: Branch = { name: 'Local Central', address: null, active: true };
    const patch: Partial<Branch> = { name: 'Otro', active: false };
    assignDefined(branch, patch, ['active']);
    expect(branch).toEqual({ name: 'Local Central', address: null, active: false });
  });
});
