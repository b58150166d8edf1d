import { describe, expect, it } from 'vitest';
import { rucCheckDigit, rucProblem } from './ruc.ts';
import { FiscalInput } from './schemas/setup.schema.ts';

describe('rucProblem', () => {
  it.each([
    ['20131312955', 'SUNAT'],
    ['20100047218', 'Banco de Crédito del Perú'],
    ['20100130204', 'BBVA Perú'],
    ['20100070970', 'Supermercados Peruanos'],
    ['20100128056', 'Saga Falabella'],
    ['20100055237', 'Alicorp'],
    ['20100017491', 'Telefónica del Perú'],
  ])('accepts %s (%s)', (ruc) => expect(rucProblem(ruc)).toBeNull());

  it.each([
    ['', 'ruc_length'],
    ['2013131295', 'ruc_length'],
    ['201313129551', 'ruc_length'],
    ['2013131295A', 'ruc_length'],
    ['20-31312955', 'ruc_length'],
    [' 20131312955', 'ruc_length'],
    ['30131312955', 'ruc_prefix'],
    ['11131312955', 'ruc_prefix'],
    ['00000000000', 'ruc_prefix'],
    ['20131312956', 'ruc_check_digit'],
    ['20100047219', 'ruc_check_digit'],
    ['20131312950', 'ruc_check_digit'],
  ])('refuses %j with %s', (ruc, problem) => expect(rucProblem(ruc)).toBe(problem));

  it('maps the remainders 10 and 11 to the check digits 0 and 1', () => {
    // 2·5 + 1·2 = 12 → 11 − 1 = 10 → 0;  2·5 + 6·2 = 22 → 11 − 0 = 11 → 1.
    expect(rucCheckDigit('2000000001')).toBe(0);
    expect(rucCheckDigit('2000000006')).toBe(1);
    expect(rucProblem('20000000010')).toBeNull();
    expect(rucProblem('20000000061')).toBeNull();
  });
});

describe('FiscalInput', () => {
  it('trims the RUC before checking it', () => {
    const parsed = FiscalInput.parse({
      taxMode: 'ruc',
      ruc: ' 20131312955 ',
      legalName: 'Pollería El Dorado S.A.C.',
      fiscalAddress: 'Av. Arequipa 1234, Lima',
    });
    expect(parsed).toMatchObject({ ruc: '20131312955' });
  });

  it('names the ruc field and the reason', () => {
    const result = FiscalInput.safeParse({
      taxMode: 'ruc',
      ruc: '20131312956',
      legalName: 'Pollería El Dorado S.A.C.',
      fiscalAddress: 'Av. Arequipa 1234, Lima',
    });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['ruc']);
    expect(issue).toMatchObject({ code: 'custom', params: { code: 'ruc_check_digit' } });
  });
});
