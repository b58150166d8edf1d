import type {
  AuditEntryView,
  AuditPage,
  CategoryView,
  ErrorBody,
  MembersView,
  MeView,
  OptionGroupView,
  ProductView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildAdmin, buildBranch } from './actors.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import { withTenantSql } from './tenant-sql.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

const MINUTE = 60 * 1000;

async function auditOf(client: ApiClient, query = ''): Promise<AuditPage> {
  const response = await client.get<AuditPage>(`/api/tenant/audit${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function category(client: ApiClient, name = 'Pollos'): Promise<CategoryView> {
  const response = await client.post<CategoryView>('/api/tenant/menu/categories', { name });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function product(client: ApiClient, categoryId: string, name: string, priceCents: number) {
  const response = await client.post<ProductView>('/api/tenant/menu/products', {
    name,
    priceCents,
    categoryId,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function login(server: TestServer, owner: BuiltOwner): Promise<void> {
  const response = await server
    .client()
    .post('/api/auth/login', { email: owner.email, password: owner.password });
  expect(response.status).toBe(200);
}

/** A check on the tenant's audit_log that refuses some entries, to see what fails with them. */
async function refuseAuditEntries(server: TestServer, owner: BuiltOwner, check: string): Promise<void> {
  const tenant = await server.services.adminOrm.em.fork().findOneOrFail(Tenant, owner.tenantId);
  await withSqlClient(server.services.locator.adminUrlFor(tenant.databaseName), (sql) =>
    sql.query(`alter table audit_log add constraint test_refuses check (${check})`),
  );
}

function summary(entries: readonly AuditEntryView[]) {
  return entries.map((entry) => [entry.action, entry.entity?.label ?? null, entry.before, entry.after]);
}

describe('audit log', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-09T15:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  it('records a price changed by hand, with who, when, before and after — and only when it changed', async () => {
    const owner = await buildTenant(server);
    const pollos = await category(owner.client);
    const cuarto = await product(owner.client, pollos.id, '1/4 de pollo', 1990);

    const raised = await owner.client.patch(`/api/tenant/menu/products/${cuarto.id}`, { priceCents: 2190 });
    expect(raised.status).toBe(200);
    for (const patch of [
      { priceCents: 2190 },
      { name: '1/4 de pollo a la brasa' },
      { description: 'Con papas' },
    ]) {
      expect((await owner.client.patch(`/api/tenant/menu/products/${cuarto.id}`, patch)).status).toBe(200);
    }

    const { entries, nextCursor } = await auditOf(owner.client);
    expect(nextCursor).toBeNull();
    expect(entries).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        at: clock.now().toISOString(),
        actor: { kind: 'user', id: owner.me.user.id, name: owner.displayName },
        device: null,
        branchId: null,
        action: 'menu.price_changed',
        entity: { type: 'product', id: cuarto.id, label: '1/4 de pollo' },
        before: { priceCents: 1990 },
        after: { priceCents: 2190 },
      },
    ]);
  });

  it('records an option whose price delta changed, and not the options that kept theirs', async () => {
    const owner = await buildTenant(server);
    const created = await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', {
      name: 'Tamaño',
      required: false,
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'Personal' }, { name: '1 L', priceDeltaCents: 1000 }],
    });
    const [personal, litro] = created.body.options;
    const edited = await owner.client.patch(`/api/tenant/menu/option-groups/${created.body.id}`, {
      options: [
        { id: personal?.id, name: 'Personal' },
        { id: litro?.id, name: '1 L', priceDeltaCents: 1200 },
        { name: '1.5 L', priceDeltaCents: 1500 },
      ],
    });
    expect(edited.status).toBe(200);

    const { entries } = await auditOf(owner.client, '?action=menu.price_changed');
    expect(entries.map((entry) => [entry.entity, entry.before, entry.after])).toEqual([
      [{ type: 'option', id: litro?.id, label: 'Tamaño: 1 L' }, { priceCents: 1000 }, { priceCents: 1200 }],
    ]);
  });

  it('records one entry per product whose price an import changed, in the import’s transaction', async () => {
    const owner = await buildTenant(server);
    const pollos = await category(owner.client);
    const cuarto = await product(owner.client, pollos.id, '1/4 de pollo', 1990);
    const medio = await product(owner.client, pollos.id, '1/2 pollo', 3590);
    const entero = await product(owner.client, pollos.id, 'Pollo entero', 6490);
    const csv = [
      'Categoría;Producto;Precio;Descripción',
      'Pollos;1/4 de pollo;21,90;',
      'Pollos;1/2 pollo;35,90;Con papas y ensalada',
      'Pollos;Pollo entero;69,90;',
      'Bebidas;Chicha morada 1 L;12,00;',
    ].join('\n');
    const imported = await owner.client.upload(
      '/api/tenant/menu/import?unknownCategories=create',
      Buffer.from(csv),
      'text/csv',
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);

    const { entries } = await auditOf(owner.client, '?action=menu.price_changed');
    expect(
      entries.map((entry) => [entry.entity?.id, entry.entity?.label, entry.before, entry.after]).sort(),
    ).toEqual(
      [
        [cuarto.id, '1/4 de pollo', { priceCents: 1990 }, { priceCents: 2190 }],
        [entero.id, 'Pollo entero', { priceCents: 6490 }, { priceCents: 6990 }],
      ].sort(),
    );
    expect(
      entries.every((entry) => entry.actor.id === owner.me.user.id && entry.at === clock.now().toISOString()),
    ).toBe(true);
    expect(entries.some((entry) => entry.entity?.id === medio.id)).toBe(false);
  });

  it('writes no entry for a change that was refused: the entry shares its transaction', async () => {
    const owner = await buildTenant(server);
    const pollos = await category(owner.client);
    await product(owner.client, pollos.id, 'Mostrito', 2290);
    const chaufa = await product(owner.client, pollos.id, 'Chaufa de pollo', 1800);

    const taken = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${chaufa.id}`, {
      name: 'mostrito',
      priceCents: 1900,
    });
    expect(taken.status).toBe(422);
    const unknownGroup = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${chaufa.id}`, {
      priceCents: 1900,
      optionGroupIds: ['4b0c7c0e-9d1a-4e55-8f00-000000000000'],
    });
    expect(unknownGroup.status).toBe(422);
    const badFile = 'Categoría;Producto;Precio\nPollos;Chaufa de pollo;19,00\nPollos;Mostrito;gratis\n';
    const rejected = await owner.client.upload<ErrorBody>(
      '/api/tenant/menu/import',
      Buffer.from(badFile),
      'text/csv',
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.code).toBe('IMPORT_REJECTED');

    expect((await auditOf(owner.client)).entries).toEqual([]);
    const menu = await owner.client.get<{ products: ProductView[] }>('/api/tenant/menu');
    expect(menu.body.products.find((item) => item.id === chaufa.id)?.priceCents).toBe(1800);
  });

  it('makes no change whose entry cannot be written, by hand or by import', async () => {
    const owner = await buildTenant(server);
    const pollos = await category(owner.client);
    const chaufa = await product(owner.client, pollos.id, 'Chaufa de pollo', 1800);
    await refuseAuditEntries(server, owner, "entity_label <> 'Chaufa de pollo'");

    const byHand = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${chaufa.id}`, {
      priceCents: 1900,
    });
    expect(byHand.status).toBe(500);
    const csv = 'Categoría;Producto;Precio\nPollos;Chaufa de pollo;19,00\nPollos;Aeropuerto;21,00\n';
    const byImport = await owner.client.upload<ErrorBody>(
      '/api/tenant/menu/import',
      Buffer.from(csv),
      'text/csv',
    );
    expect(byImport.status).toBe(500);

    const menu = await owner.client.get<{ products: ProductView[] }>('/api/tenant/menu');
    expect(menu.body.products.map((item) => [item.name, item.priceCents])).toEqual([
      ['Chaufa de pollo', 1800],
    ]);
  });

  it('signs in all the same when the log cannot be written', async () => {
    const owner = await buildTenant(server);
    await refuseAuditEntries(server, owner, "action <> 'auth.signed_in'");
    await login(server, owner);
    expect((await auditOf(owner.client)).entries).toEqual([]);
  });

  it('signs in without waiting on a tenant database too slow to take the entry, which follows later', async () => {
    const owner = await buildTenant(server);
    await withTenantSql(server, owner.tenantId, async (sql) => {
      // A migration or a long transaction holding the table: the entry's INSERT has to wait.
      await sql.query('begin');
      await sql.query('lock table audit_log in share mode');
      const started = Date.now();
      await login(server, owner);
      expect(Date.now() - started).toBeLessThan(3000);
      await sql.query('commit');
    });
    const deadline = Date.now() + 5000;
    while ((await auditOf(owner.client, '?action=auth.signed_in')).entries.length === 0) {
      expect(Date.now(), 'the entry written once the table is free').toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('makes no membership change whose entry cannot be written in the tenant’s log', async () => {
    const owner = await buildTenant(server);
    const admin = await buildAdmin(server, owner);
    const adminId = (await admin.get<{ user: { id: string } }>('/api/auth/me')).body.user.id;
    await refuseAuditEntries(server, owner, "action not like 'members.%'");

    const invited = await owner.client.post<ErrorBody>('/api/tenant/invitations', {
      email: 'nueva.admin@example.pe',
      role: 'admin',
    });
    expect(invited.status).toBe(500);
    const removed = await owner.client.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${adminId}`,
      undefined,
      {},
    );
    expect(removed.status).toBe(500);

    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.invitations).toEqual([]);
    expect(members.body.members.map((member) => member.userId)).toContain(adminId);
    expect((await admin.get('/api/tenant')).status).toBe(200);
  });

  it('records an e-mail login in the active tenant’s log', async () => {
    const owner = await buildTenant(server);
    await login(server, owner);
    const wrong = await server
      .client()
      .post('/api/auth/login', { email: owner.email, password: 'no-es-la-clave-99' });
    expect(wrong.status).toBe(401);

    const { entries } = await auditOf(owner.client, '?actionGroup=auth');
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'auth.signed_in',
        actor: { kind: 'user', id: owner.me.user.id, name: owner.displayName },
        entity: null,
        branchId: null,
        before: null,
        after: null,
      }),
    ]);
  });

  it('records a login in the business it opens on, not in the person’s other ones', async () => {
    const owner = await buildTenant(server);
    const partner = await buildTenant(server);
    // The partner co-owns the owner's business too, a membership newer than their own business.
    await withSqlClient(server.adminUrl, (sql) =>
      sql.query(
        `insert into tenant_memberships (id, user_id, tenant_id, role, created_at) values ($1, $2, $3, 'owner', now())`,
        [crypto.randomUUID(), partner.me.user.id, owner.tenantId],
      ),
    );
    const signedIn = await server
      .client()
      .post<MeView>('/api/auth/login', { email: partner.email, password: partner.password });
    expect(signedIn.body.activeTenantId).toBe(partner.tenantId);

    expect((await auditOf(owner.client, '?actionGroup=auth')).entries).toEqual([]);
    const own = await auditOf(partner.client, '?actionGroup=auth');
    expect(own.entries.map((entry) => [entry.action, entry.actor.id])).toEqual([
      ['auth.signed_in', partner.me.user.id],
    ]);
  });

  it('filters by action, action group, actor, entity and branch, combined', async () => {
    const owner = await buildTenant(server);
    const branchId = await buildBranch(server, owner, 'Local Miraflores');
    const pollos = await category(owner.client);
    const cuarto = await product(owner.client, pollos.id, '1/4 de pollo', 1990);
    const medio = await product(owner.client, pollos.id, '1/2 pollo', 3590);
    await owner.client.patch(`/api/tenant/menu/products/${cuarto.id}`, { priceCents: 2090 });
    await owner.client.patch(`/api/tenant/menu/products/${medio.id}`, { priceCents: 3690 });
    await login(server, owner);
    // A voided item at the branch, as the orders module will write it (not built yet).
    await withTenantSql(server, owner.tenantId, (sql) =>
      sql.query(
        `insert into audit_log (occurred_at, actor_kind, actor_id, actor_name, branch_id, action, entity_type, entity_id)
         values (now(), 'staff', 'staff-1', 'Rosa', $1, 'orders.item_voided', 'order', 'order-1')`,
        [branchId],
      ),
    );

    const actions = async (query: string) =>
      (await auditOf(owner.client, query)).entries.map((entry) => entry.action);
    expect(await actions('?action=auth.signed_in')).toEqual(['auth.signed_in']);
    expect(await actions('?actionGroup=menu')).toEqual(['menu.price_changed', 'menu.price_changed']);
    expect(await actions('?actionGroup=me')).toEqual([]);
    expect(await actions('?actionGroup=orders')).toEqual(['orders.item_voided']);
    expect(await actions(`?actorId=${owner.me.user.id}`)).toEqual([
      'auth.signed_in',
      'menu.price_changed',
      'menu.price_changed',
    ]);
    expect(await actions('?actorId=staff-1')).toEqual(['orders.item_voided']);
    expect(await actions(`?branchId=${branchId}`)).toEqual(['orders.item_voided']);
    const ofMedio = await auditOf(owner.client, `?entityType=product&entityId=${medio.id}`);
    expect(summary(ofMedio.entries)).toEqual([
      ['menu.price_changed', '1/2 pollo', { priceCents: 3590 }, { priceCents: 3690 }],
    ]);
    expect(await actions(`?entityType=option&entityId=${medio.id}`)).toEqual([]);
    expect(await actions(`?actionGroup=menu&actorId=staff-1`)).toEqual([]);
  });

  it('pages newest first with a cursor that neither repeats nor skips', async () => {
    const owner = await buildTenant(server);
    for (let index = 0; index < 5; index += 1) {
      await login(server, owner);
    }
    const first = await auditOf(owner.client, '?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).toBe(first.entries[1]?.id);
    await login(server, owner); // newer than the first page: not on the next ones
    const second = await auditOf(owner.client, `?limit=2&before=${first.nextCursor}`);
    const third = await auditOf(owner.client, `?limit=2&before=${second.nextCursor}`);
    expect(third.entries).toHaveLength(1);
    expect(third.nextCursor).toBeNull();

    const ids = [...first.entries, ...second.entries, ...third.entries].map((entry) => BigInt(entry.id));
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    const all = await auditOf(owner.client);
    expect(all.entries).toHaveLength(6);
    expect(all.entries.slice(1).map((entry) => BigInt(entry.id))).toEqual(ids);
  });

  it('answers 422 naming a wrong filter', async () => {
    const owner = await buildTenant(server);
    const cases: Array<[string, string, string]> = [
      ['?who=me', 'who', 'unknown_field'],
      ['?from=2026-03-10&to=2026-03-09', 'to', 'invalid_value'],
      ['?from=2026-02-30', 'from', 'invalid_value'],
      ['?limit=500', 'limit', 'too_long'],
      ['?action=menu.deleted', 'action', 'invalid_value'],
      ['?before=abc', 'before', 'invalid_value'],
      ['?actionGroup=Menu', 'actionGroup', 'invalid_value'],
    ];
    for (const [query, field, code] of cases) {
      const response = await owner.client.get<ErrorBody>(`/api/tenant/audit${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.error.fields?.[field]?.code, query).toBe(code);
    }
  });

  it('is the owner’s to read: an admin gets 403, another business sees only its own', async () => {
    const owner = await buildTenant(server);
    await login(server, owner);
    const admin = await buildAdmin(server, owner);
    const refused = await admin.get<ErrorBody>('/api/tenant/audit');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    const stranger = await buildTenant(server);
    expect((await auditOf(stranger.client)).entries).toEqual([]);
    expect((await auditOf(stranger.client, `?actorId=${owner.me.user.id}`)).entries).toEqual([]);
  });

  // Moves the clock: keep it last.
  it('reads from/to as whole calendar days in Lima (UTC−5)', async () => {
    const owner = await buildTenant(server);
    clock.advance(new Date('2026-03-10T04:59:00Z').getTime() - clock.now().getTime()); // 23:59 on the 9th in Lima
    await login(server, owner);
    clock.advance(2 * MINUTE); // 00:01 on the 10th in Lima, still the 10th in UTC
    await login(server, owner);
    clock.advance(24 * 60 * MINUTE - 2 * MINUTE); // 23:59 on the 10th in Lima, the 11th in UTC
    await login(server, owner);

    const atOf = async (query: string) =>
      (await auditOf(owner.client, query)).entries.map((entry) => entry.at);
    expect(await atOf('?from=2026-03-09&to=2026-03-09')).toEqual(['2026-03-10T04:59:00.000Z']);
    expect(await atOf('?from=2026-03-10')).toEqual(['2026-03-11T04:59:00.000Z', '2026-03-10T05:01:00.000Z']);
    expect(await atOf('?to=2026-03-10')).toHaveLength(3);
    expect(await atOf('?from=2026-03-11')).toEqual([]);
  });
});
