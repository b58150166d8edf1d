import { describe, expect, it } from 'vitest';
import { urlForLog } from './logger.ts';

describe('urlForLog', () => {
  it('hides invitation tokens and pairing codes, and leaves other URLs alone', () => {
    expect(urlForLog('/invitacion/abc123token')).toBe('/invitacion/[redacted]');
    expect(urlForLog('/api/invitations/abc123token/accept')).toBe('/api/invitations/[redacted]/accept');
    expect(urlForLog('/emparejar?codigo=ABCD-EFGH&x=1')).toBe('/emparejar?codigo=[redacted]&x=1');
    expect(urlForLog('/api/tenant/menu?q=pollo')).toBe('/api/tenant/menu?q=pollo');
  });
});
