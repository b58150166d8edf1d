import type { CustomerView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOwnerWithBranch, expectStatus, mintSignedInStaff } from './actors.ts';
import { buildTenant } from './factories.ts';
import { refusal } from './order-factories.ts';
import type { ApiClient } from './test-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { withTenantSql } from './tenant-sql.ts';

/** A RUC with a valid check digit (SUNAT's modulo 11). */
const RUC = '20131312955';

/**
 * Customers at checkout: found by DNI, RUC or phone as the cashier types, or by a piece of the
 * name without minding accents; registered quickly, once per document; corrected. A DNI is 8
 * digits, a RUC passes its check digit. They belong to the business, never to another.
 */
describe('customers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const create = (client: ApiClient, body: unknown) =>
    client.post<CustomerView>('/api/tenant/customers', body);
  const search = async (client: ApiClient, q: string): Promise<string[]> => {
    const response = await client.get<CustomerView[]>(`/api/tenant/customers?q=${encodeURIComponent(q)}`);
    return expectStatus(response, 200).map((customer) => customer.name);
  };

  async function cashierOfNewBusiness(): Promise<{
    owner: ApiClient;
    cashier: ApiClient;
    tenantId: string;
    branchId: string;
  }> {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const cashier = await mintSignedInStaff(server, owner.tenantId, branchId, 'cashier');
    return { owner: owner.client, cashier: cashier.client, tenantId: owner.tenantId, branchId };
  }

  it('registers a customer by DNI, by RUC with the legal name, or by name alone', async () => {
    const { cashier } = await cashierOfNewBusiness();
    const person = expectStatus(
      await create(cashier, {
        docType: 'dni',
        docNumber: ' 45871236 ',
        name: '  Rosa Huamán Quispe ',
        phone: '987 654 321',
      }),
      201,
    );
    expect(person).toEqual({
      id: expect.any(String),
      docType: 'dni',
      docNumber: '45871236',
      name: 'Rosa Huamán Quispe',
      phone: '987 654 321',
      address: null,
      email: null,
    });
    const company = expectStatus(
      await create(cashier, {
        docType: 'ruc',
        docNumber: RUC,
        name: 'Distribuidora El Carbón S.A.C.',
        address: 'Av. Argentina 1234, Lima',
        email: 'compras@elcarbon.pe',
      }),
      201,
    );
    expect(company).toMatchObject({ docType: 'ruc', docNumber: RUC, address: 'Av. Argentina 1234, Lima' });
    const regular = expectStatus(await create(cashier, { name: 'Don Lucho', phone: '', email: '' }), 201);
    expect(regular).toMatchObject({ docType: null, docNumber: null, phone: null, email: null });
  });

  it('refuses a document already registered, naming whose it is — also when two cashiers register it at once', async () => {
    const { cashier, owner } = await cashierOfNewBusiness();
    const first = expectStatus(
      await create(cashier, { docType: 'dni', docNumber: '45871236', name: 'Rosa' }),
      201,
    );
    const again = refusal(
      await create(owner, { docType: 'dni', docNumber: '45871236', name: 'Rosa H.' }),
      409,
    );
    expect(again).toMatchObject({
      code: 'CUSTOMER_EXISTS',
      details: { customerId: first.id, customer: first },
    });

    const racing = await Promise.all(
      [cashier, owner, cashier].map((client) =>
        create(client, { docType: 'ruc', docNumber: RUC, name: 'El Carbón SAC' }),
      ),
    );
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const winner = racing.find((answer) => answer.status === 201)!.body;
    for (const loser of racing.filter((answer) => answer.status === 409)) {
      expect(refusal(loser, 409).details).toMatchObject({ customerId: winner.id });
    }
  });

  it('registers one customer for a double tap or a retry: the screen’s id again answers the first', async () => {
    const { cashier, tenantId } = await cashierOfNewBusiness();
    const id = crypto.randomUUID();
    const body = { id, name: 'Don Lucho', phone: '987 654 321' };
    const taps = await Promise.all([create(cashier, body), create(cashier, body), create(cashier, body)]);
    expect(taps.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(taps.map((answer) => answer.body.id))).toEqual(new Set([id]));

    // A retry after a lost answer, with a document this time: still the one customer, as it was.
    const retried = expectStatus(
      await create(cashier, { ...body, docType: 'dni', docNumber: '45871236' }),
      200,
    );
    expect(retried).toMatchObject({ id, docNumber: null, name: 'Don Lucho' });
    const documented = { id: crypto.randomUUID(), docType: 'dni', docNumber: '40123456', name: 'Rosa' };
    const [first, second] = await Promise.all([create(cashier, documented), create(cashier, documented)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(second.body.id).toBe(documented.id);
    const rows = await withTenantSql(
      server,
      tenantId,
      async (sql) =>
        (await sql.query<{ count: number }>(`select count(*)::int as count from customers`)).rows[0]?.count,
    );
    expect(rows).toBe(2);
  });

  it('names the field at fault: a DNI of 7 digits, a RUC with a wrong check digit, a document without its type', async () => {
    const { cashier } = await cashierOfNewBusiness();
    const cases: [unknown, string, string][] = [
      [{ docType: 'dni', docNumber: '4587123', name: 'Rosa' }, 'docNumber', 'dni_invalid'],
      [{ docType: 'dni', docNumber: '4587123A', name: 'Rosa' }, 'docNumber', 'dni_invalid'],
      [{ docType: 'ruc', docNumber: '20131312956', name: 'El Carbón' }, 'docNumber', 'ruc_check_digit'],
      [{ docType: 'ruc', docNumber: '2013131295', name: 'El Carbón' }, 'docNumber', 'ruc_length'],
      [{ docType: 'ruc', docNumber: '30131312955', name: 'El Carbón' }, 'docNumber', 'ruc_prefix'],
      [{ docType: 'dni', name: 'Rosa' }, 'docNumber', 'invalid_value'],
      [{ docNumber: '45871236', name: 'Rosa' }, 'docType', 'invalid_value'],
      [{ docType: 'pasaporte', docNumber: 'X1', name: 'Rosa' }, 'docType', 'invalid_value'],
      [{ name: 'R' }, 'name', 'too_short'],
      [{ name: 'x'.repeat(121) }, 'name', 'too_long'],
      [{}, 'name', 'required'],
      [{ name: 'Rosa', phone: 'llámame' }, 'phone', 'invalid_value'],
      [{ name: 'Rosa', email: 'rosa@' }, 'email', 'invalid_email'],
      [{ name: 'Rosa', tenantId: 'x' }, 'tenantId', 'unknown_field'],
      [{ name: 12 }, 'name', 'invalid_type'],
    ];
    for (const [body, field, code] of cases) {
      const answer = refusal(await create(cashier, body), 422);
      expect(answer.code).toBe('VALIDATION_FAILED');
      expect(answer.fields?.[field]?.code, JSON.stringify(body)).toBe(code);
    }
    for (const raw of ['not json', '[]', 'null', '"Rosa"', '{"name":']) {
      const answer = await cashier.request('POST', '/api/tenant/customers', raw, {
        'content-type': 'application/json',
      });
      expect([400, 422], raw).toContain(answer.status);
    }
    expect(await search(cashier, 'Rosa')).toEqual([]);
  });

  it('finds customers by document or phone as typed, and by any part of the name without accents', async () => {
    const { cashier } = await cashierOfNewBusiness();
    const people = [
      { docType: 'dni', docNumber: '45871236', name: 'Rosa Núñez Quispe', phone: '987 654 321' },
      { docType: 'dni', docNumber: '45009911', name: 'Ángel Rosales', phone: '+51 912 000 111' },
      { docType: 'ruc', docNumber: RUC, name: 'Distribuidora El Carbón S.A.C.' },
      { name: 'Nuñez 50% Descuento' },
      { name: 'ROSARIO MAMANI', phone: '(01) 456-7890' },
    ];
    for (const person of people) {
      expectStatus(await create(cashier, person), 201);
    }

    expect(await search(cashier, '4587')).toEqual(['Rosa Núñez Quispe']);
    expect(await search(cashier, '45')).toEqual(['Ángel Rosales', 'Rosa Núñez Quispe']);
    expect(await search(cashier, '2013131')).toEqual(['Distribuidora El Carbón S.A.C.']);
    // Phones as they were typed: spaces, brackets, dashes and +51 do not matter.
    expect(await search(cashier, '987654')).toEqual(['Rosa Núñez Quispe']);
    expect(await search(cashier, '912 000')).toEqual(['Ángel Rosales']);
    expect(await search(cashier, '+51 912')).toEqual(['Ángel Rosales']);
    expect(await search(cashier, '014567')).toEqual(['ROSARIO MAMANI']);

    // Names: case and accents aside, starting with it first.
    expect(await search(cashier, 'nunez')).toEqual(['Nuñez 50% Descuento', 'Rosa Núñez Quispe']);
    expect(await search(cashier, 'ROSA')).toEqual(['Rosa Núñez Quispe', 'ROSARIO MAMANI', 'Ángel Rosales']);
    expect(await search(cashier, 'angel')).toEqual(['Ángel Rosales']);
    expect(await search(cashier, 'carbon')).toEqual(['Distribuidora El Carbón S.A.C.']);
    // A LIKE wildcard typed is a character like any other.
    expect(await search(cashier, '50%')).toEqual(['Nuñez 50% Descuento']);
    expect(await search(cashier, '_o')).toEqual([]);

    for (const q of ['', 'a', 'x'.repeat(61)]) {
      const answer = await cashier.get(`/api/tenant/customers?q=${q}`);
      expect(refusal(answer, 422).fields, q).toHaveProperty('q');
    }
    expect(refusal(await cashier.get('/api/tenant/customers'), 422).fields).toHaveProperty('q');
  });

  it('answers ten at most', async () => {
    const { cashier } = await cashierOfNewBusiness();
    for (let index = 0; index < 12; index += 1) {
      expectStatus(await create(cashier, { name: `Cliente ${String(index).padStart(2, '0')}` }), 201);
    }
    const found = await search(cashier, 'cliente');
    expect(found).toHaveLength(10);
    expect(found[0]).toBe('Cliente 00');
  });

  it('corrects a customer: the fields given, a document with its type, never one of another customer', async () => {
    const { cashier } = await cashierOfNewBusiness();
    const rosa = expectStatus(
      await create(cashier, { docType: 'dni', docNumber: '45871236', name: 'Rosa', phone: '987654321' }),
      201,
    );
    const angel = expectStatus(
      await create(cashier, { docType: 'dni', docNumber: '45009911', name: 'Ángel' }),
      201,
    );
    const patch = (id: string, body: unknown) =>
      cashier.patch<CustomerView>(`/api/tenant/customers/${id}`, body);

    const renamed = expectStatus(await patch(rosa.id, { name: 'Rosa Núñez', address: 'Jr. Cusco 120' }), 200);
    expect(renamed).toEqual({ ...rosa, name: 'Rosa Núñez', address: 'Jr. Cusco 120' });
    const company = expectStatus(
      await patch(rosa.id, { docType: 'ruc', docNumber: RUC, name: 'Rosa Núñez E.I.R.L.' }),
      200,
    );
    expect(company).toMatchObject({ docType: 'ruc', docNumber: RUC, phone: '987654321' });
    expect(expectStatus(await patch(rosa.id, { phone: null }), 200).phone).toBeNull();
    // Its own document again is no conflict.
    expectStatus(await patch(rosa.id, { docType: 'ruc', docNumber: RUC }), 200);

    const taken = refusal(await patch(angel.id, { docType: 'ruc', docNumber: RUC }), 409);
    expect(taken).toMatchObject({ code: 'CUSTOMER_EXISTS', details: { customerId: rosa.id } });
    const alone = refusal(await patch(angel.id, { docNumber: '45009912' }), 422);
    expect(alone.fields).toHaveProperty('docType');
    const bad = refusal(await patch(angel.id, { docType: 'dni', docNumber: '123' }), 422);
    expect(bad.fields?.docNumber?.code).toBe('dni_invalid');
    expect(refusal(await patch(angel.id, { name: '' }), 422).fields).toHaveProperty('name');

    const removed = expectStatus(await patch(angel.id, { docType: null, docNumber: null }), 200);
    expect(removed).toMatchObject({ docType: null, docNumber: null, name: 'Ángel' });
    expect(refusal(await patch(crypto.randomUUID(), { name: 'Nadie' }), 404).code).toBe('NOT_FOUND');
  });

  it('lets the till roles use customers, refuses waiters and the kitchen, and keeps each business its own', async () => {
    const { owner, cashier, tenantId, branchId } = await cashierOfNewBusiness();
    const rosa = expectStatus(
      await create(cashier, { docType: 'dni', docNumber: '45871236', name: 'Rosa' }),
      201,
    );
    const { owner: ownerOfOther } = await buildOwnerWithBranch(server);

    for (const role of ['waiter', 'kitchen'] as const) {
      const { client } = await mintSignedInStaff(server, tenantId, branchId, role);
      expect(refusal(await client.get('/api/tenant/customers?q=45'), 403).code).toBe('FORBIDDEN');
      expect(refusal(await create(client, { name: 'Rosa' }), 403).code).toBe('FORBIDDEN');
      expect(
        refusal(await client.patch(`/api/tenant/customers/${rosa.id}`, { name: 'Xavier' }), 403).code,
      ).toBe('FORBIDDEN');
    }
    expect(await search(owner, '4587')).toEqual(['Rosa']);

    // Another business neither finds nor changes Rosa, and registers the same DNI as its own customer.
    expect(await search(ownerOfOther.client, '4587')).toEqual([]);
    expect(
      refusal(await ownerOfOther.client.patch(`/api/tenant/customers/${rosa.id}`, { name: 'Xavier' }), 404)
        .code,
    ).toBe('NOT_FOUND');
    const theirs = expectStatus(
      await create(ownerOfOther.client, { docType: 'dni', docNumber: '45871236', name: 'Rosa H.' }),
      201,
    );
    expect(theirs.id).not.toBe(rosa.id);
    const stranger = await buildTenant(server);
    expect(await search(stranger.client, 'rosa')).toEqual([]);
  });
});
