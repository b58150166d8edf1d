import { AuditQuery } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { auditFilter, limaDayStart } from './audit.repository.ts';

describe('limaDayStart', () => {
  it('is midnight in Lima, 05:00 UTC, all year round', () => {
    expect(limaDayStart('2026-03-09').toISOString()).toBe('2026-03-09T05:00:00.000Z');
    expect(limaDayStart('2026-07-15').toISOString()).toBe('2026-07-15T05:00:00.000Z');
  });

  it('moves whole days across months and years', () => {
    expect(limaDayStart('2026-02-28', 1).toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(limaDayStart('2026-12-31', 1).toISOString()).toBe('2027-01-01T05:00:00.000Z');
  });
});

describe('auditFilter', () => {
  const query = (input: Record<string, string>) => AuditQuery.parse(input);

  it('matches everything without filters', () => {
    expect(auditFilter(query({}))).toEqual({});
  });

  it('turns an action group into a range of action names, with no LIKE wildcards', () => {
    expect(auditFilter(query({ actionGroup: 'pin_x' }))).toEqual({
      $and: [{ action: { $gte: 'pin_x.', $lt: 'pin_x/' } }],
    });
  });

  it('takes from and to as whole Lima days, and the cursor as an older id', () => {
    expect(auditFilter(query({ from: '2026-03-09', to: '2026-03-09', before: '42' }))).toEqual({
      $and: [
        { occurredAt: { $gte: new Date('2026-03-09T05:00:00Z') } },
        { occurredAt: { $lt: new Date('2026-03-10T05:00:00Z') } },
        { id: { $lt: 42n } },
      ],
    });
  });

  it('refuses a last day before the first one, naming `to`', () => {
    const refuse = () => auditFilter(query({ from: '2026-03-10', to: '2026-03-09' }));
    expect(refuse).toThrow(AppError);
    try {
      refuse();
    } catch (error) {
      expect((error as AppError).fields?.to?.code).toBe('invalid_value');
    }
  });
});
