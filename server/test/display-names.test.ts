import type {
  AuditPage,
  CurrentTenantView,
  ErrorBody,
  FloorSnapshotView,
  MembersView,
  MeView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { expectStatus } from './actors.ts';
import { buildTenant, uniqueEmail, type BuiltOwner } from './factories.ts';
import { buildFloor, chickenItem, openTable, openTakeaway, sendRound } from './order-factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Owners and admins sign what they do in the restaurant with a name, not their e-mail: sign-up
 * asks it, the account menu changes it (`PATCH /api/auth/me`, one's own only), and an account
 * from before names existed goes by its e-mail's part before the @ meanwhile.
 */
describe('display names of owners and admins', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** An account as it was before sign-up asked for a name. */
  async function forgetName(owner: BuiltOwner): Promise<void> {
    await withSqlClient(server.adminUrl, (sql) =>
      sql.query(`update users set display_name = null where id = $1`, [owner.me.user.id]),
    );
  }

  function signup(body: Record<string, unknown>) {
    return server.client().post<ErrorBody>('/api/auth/signup', {
      email: uniqueEmail(),
      password: 'pollo-a-la-brasa-2026',
      businessName: 'Pollería Sin Nombre',
      ...body,
    });
  }

  it('asks a name at sign-up and keeps it, trimmed and on one line', async () => {
    const client = server.client();
    const created = await client.post<MeView>('/api/auth/signup', {
      email: uniqueEmail(),
      password: 'pollo-a-la-brasa-2026',
      displayName: '  Pepa \n  Quispe ',
      businessName: 'Pollería Doña Pepa',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.user.displayName).toBe('Pepa Quispe');
    expect(expectStatus(await client.get<MeView>('/api/auth/me'), 200).user.displayName).toBe('Pepa Quispe');
  });

  it.each([
    ['missing', undefined, 'required'],
    ['blank', '   ', 'required'],
    ['longer than 60 characters', 'x'.repeat(61), 'too_long'],
    ['not text', 7, 'invalid_type'],
    ['holding a NUL', 'Pe\u0000pa', 'invalid_value'],
    ['holding a right-to-left override', 'Pepa \u202eotsiuQ', 'invalid_value'],
  ])(
    'refuses a sign-up whose name is %s, naming displayName, and creates nothing',
    async (_label, name, code) => {
      const email = uniqueEmail();
      const refused = await signup({ email, displayName: name });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.fields).toEqual({ displayName: expect.objectContaining({ code }) });
      // Nothing half-made: the same e-mail signs up fine once the name is there.
      expect((await signup({ email, displayName: 'Pepa' })).status).toBe(201);
    },
  );

  it('takes a name of exactly 60 characters', async () => {
    const created = await signup({ displayName: 'ñ'.repeat(60) });
    expect(created.status).toBe(201);
  });

  it('names the owner who takes an order by their name, on the order, the round and the audit log', async () => {
    const owner = await buildTenant(server, { displayName: 'Pepa Quispe' });
    const floor = await buildFloor(server, owner);
    const order = await openTable(owner.client, floor, 1);
    expect(order.waiter).toEqual({ kind: 'user', id: owner.me.user.id, name: 'Pepa Quispe' });
    const sent = await sendRound(owner.client, order.id, [chickenItem(floor)]);
    expect(sent.rounds.at(-1)?.sentByName).toBe('Pepa Quispe');
    const current = expectStatus(await owner.client.get<CurrentTenantView>('/api/tenant'), 200);
    expect(current.actor.name).toBe('Pepa Quispe');

    // The activity log: a price change, and signing in again.
    const repriced = await owner.client.patch(`/api/tenant/menu/products/${floor.menu.chicken.id}`, {
      priceCents: 2090,
    });
    expect(repriced.status).toBe(200);
    expectStatus(
      await server.client().post('/api/auth/login', { email: owner.email, password: owner.password }),
      200,
    );
    const audit = expectStatus(await owner.client.get<AuditPage>('/api/tenant/audit'), 200);
    expect(audit.entries.map((entry) => [entry.action, entry.actor.name])).toEqual(
      expect.arrayContaining([
        ['menu.price_changed', 'Pepa Quispe'],
        ['auth.signed_in', 'Pepa Quispe'],
      ]),
    );
    expect(JSON.stringify([order, sent, audit])).not.toContain(owner.email);
  });

  it('names an owner without a name by the part of their e-mail before the @, never the whole address', async () => {
    const email = uniqueEmail('dueno.antiguo');
    const owner = await buildTenant(server, { email });
    await forgetName(owner);
    const me = expectStatus(await owner.client.get<MeView>('/api/auth/me'), 200);
    expect(me.user.displayName).toBeNull();

    const floor = await buildFloor(server, owner);
    const order = await openTakeaway(owner.client, floor, 'Juan');
    expect(order.waiter.name).toBe(email.slice(0, email.indexOf('@')));
    expect(order.waiter.name).not.toContain('@');
  });

  it('lets a signed-in person set and change their own name, which signs what they do from then on', async () => {
    const owner = await buildTenant(server);
    await forgetName(owner);
    const floor = await buildFloor(server, owner);
    const before = await openTable(owner.client, floor, 1);

    const named = await owner.client.patch<MeView>('/api/auth/me', { displayName: ' Pepa   Quispe ' });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body.user).toMatchObject({
      id: owner.me.user.id,
      email: owner.email,
      displayName: 'Pepa Quispe',
    });
    expect(named.body.activeTenantId).toBe(owner.tenantId);
    expect(expectStatus(await owner.client.get<MeView>('/api/auth/me'), 200).user.displayName).toBe(
      'Pepa Quispe',
    );

    const after = await openTable(owner.client, floor, 2);
    expect(after.waiter.name).toBe('Pepa Quispe');
    // What was signed before keeps the name it was signed with.
    const snapshot = expectStatus(
      await owner.client.get<FloorSnapshotView>(`/api/tenant/branches/${floor.branchId}/floor`),
      200,
    );
    expect(snapshot.orders.find((order) => order.id === before.id)?.waiter.name).toBe(before.waiter.name);
    expect(before.waiter.name).toBe(owner.email.slice(0, owner.email.indexOf('@')));

    const members = expectStatus(await owner.client.get<MembersView>('/api/tenant/members'), 200);
    expect(members.members).toEqual([
      expect.objectContaining({ userId: owner.me.user.id, email: owner.email, displayName: 'Pepa Quispe' }),
    ]);
  });

  it.each([
    ['no name', {}, 'displayName', 'required'],
    ['a blank name', { displayName: ' \t ' }, 'displayName', 'required'],
    ['a name too long', { displayName: 'x'.repeat(61) }, 'displayName', 'too_long'],
    ['a null name', { displayName: null }, 'displayName', 'required'],
    ['a number', { displayName: 12 }, 'displayName', 'invalid_type'],
    ['someone else’s id', { displayName: 'Pepa', userId: crypto.randomUUID() }, 'userId', 'unknown_field'],
    ['an e-mail', { displayName: 'Pepa', email: 'otro@example.pe' }, 'email', 'unknown_field'],
  ])(
    'refuses PATCH /api/auth/me with %s: 422 naming the field, nothing changed',
    async (_label, body, field, code) => {
      const owner = await buildTenant(server, { displayName: 'Antes' });
      const refused = await owner.client.patch<ErrorBody>('/api/auth/me', body);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.fields?.[field]?.code).toBe(code);
      const me = expectStatus(await owner.client.get<MeView>('/api/auth/me'), 200);
      expect(me.user).toMatchObject({ displayName: 'Antes', email: owner.email });
    },
  );

  it('changes only the signed-in person’s name: nobody else’s, not signed in, not from another site', async () => {
    const owner = await buildTenant(server, { displayName: 'Pepa' });
    const other = await buildTenant(server, { displayName: 'Rosa' });

    const anonymous = await server.client().patch<ErrorBody>('/api/auth/me', { displayName: 'Intruso' });
    expect(anonymous.status).toBe(401);

    const forged = server.client();
    forged.cookie = owner.client.cookie;
    forged.origin = 'https://pollos-gratis.example';
    const foreign = await forged.patch<ErrorBody>('/api/auth/me', { displayName: 'Intruso' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FOREIGN_ORIGIN');

    const sneaky = await owner.client.patch<ErrorBody>('/api/auth/me', {
      displayName: 'Intruso',
      userId: other.me.user.id,
    });
    expect(sneaky.status).toBe(422);

    expect(
      expectStatus(await owner.client.patch<MeView>('/api/auth/me', { displayName: 'Pepa Q.' }), 200).user.id,
    ).toBe(owner.me.user.id);
    expect(expectStatus(await other.client.get<MeView>('/api/auth/me'), 200).user.displayName).toBe('Rosa');
    expect(expectStatus(await owner.client.get<MeView>('/api/auth/me'), 200).user.displayName).toBe(
      'Pepa Q.',
    );
  });
});
