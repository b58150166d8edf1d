import type {
  BranchDetailView,
  BranchView,
  CashRegisterView,
  ErrorBody,
  StationView,
  TableView,
  ZoneView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePlan } from '../src/modules/plans/plans.service.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import type { ApiClient, ApiResponse } from './test-server.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const UNKNOWN_ID = '0b7c1d4e-8f2a-4c3b-9d5e-6f7a8b9c0d1e';

async function created<T>(response: Promise<ApiResponse<T>>): Promise<T> {
  const answer = await response;
  if (answer.status !== 201) {
    throw new Error(`expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

async function openBranch(client: ApiClient, name = 'Local Central'): Promise<BranchDetailView> {
  return created(
    client.post<BranchDetailView>('/api/tenant/branches', {
      name,
      address: 'Av. Brasil 1450',
      district: 'Pueblo Libre',
    }),
  );
}

async function detailOf(client: ApiClient, branchId: string): Promise<BranchDetailView> {
  const response = await client.get<BranchDetailView>(`/api/tenant/branches/${branchId}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('branches, zones, tables, cash registers and stations', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function onProPlan(owner: BuiltOwner): Promise<void> {
    const slug = owner.me.memberships[0]?.tenant.slug ?? '';
    await changePlan(server.services.adminOrm.em.fork(), server.services.clock, { slug, plan: 'pro' });
  }

  describe('branches', () => {
    it('opens a branch with a Salón zone, lists it, edits it and keeps it when deactivated', async () => {
      const { client } = await buildTenant(server);
      expect((await client.get<BranchView[]>('/api/tenant/branches')).body).toEqual([]);

      const detail = await openBranch(client);
      expect(detail).toEqual({
        branch: {
          id: expect.any(String),
          name: 'Local Central',
          address: 'Av. Brasil 1450',
          district: 'Pueblo Libre',
          timezone: 'America/Lima',
          active: true,
          tableCount: 0,
          cashRegisterCount: 0,
        },
        zones: [
          { id: expect.any(String), branchId: detail.branch.id, name: 'Salón', position: 0, active: true },
        ],
        tables: [],
        cashRegisters: [],
        stations: [],
      });
      expect(await detailOf(client, detail.branch.id)).toEqual(detail);

      const edited = await client.patch<BranchDetailView>(`/api/tenant/branches/${detail.branch.id}`, {
        name: 'Local Pueblo Libre',
        address: '  ',
      });
      expect(edited.status).toBe(200);
      expect(edited.body.branch).toMatchObject({
        name: 'Local Pueblo Libre',
        address: null,
        district: 'Pueblo Libre',
      });

      const off = await client.patch<BranchDetailView>(`/api/tenant/branches/${detail.branch.id}`, {
        active: false,
      });
      expect(off.body.branch.active).toBe(false);
      const list = await client.get<BranchView[]>('/api/tenant/branches');
      expect(list.body).toEqual([{ ...edited.body.branch, active: false }]);
    });

    it('holds a trial to one active branch, counting reactivations too', async () => {
      const { client } = await buildTenant(server);
      const first = await openBranch(client, 'Local Uno');

      const second = await client.post<ErrorBody>('/api/tenant/branches', {
        name: 'Local Dos',
        address: null,
        district: null,
      });
      expect(second.status).toBe(403);
      expect(second.body.error).toMatchObject({
        code: 'PLAN_LIMIT_REACHED',
        details: { limit: 'branches', max: 1, plan: 'trial', current: 1 },
      });
      expect((await client.get<BranchView[]>('/api/tenant/branches')).body).toHaveLength(1);

      await client.patch(`/api/tenant/branches/${first.branch.id}`, { active: false });
      const replacement = await openBranch(client, 'Local Dos');
      const back = await client.patch<ErrorBody>(`/api/tenant/branches/${first.branch.id}`, {
        active: true,
      });
      expect(back.status).toBe(403);
      expect(back.body.error.code).toBe('PLAN_LIMIT_REACHED');
      expect((await detailOf(client, first.branch.id)).branch.active).toBe(false);
      expect((await detailOf(client, replacement.branch.id)).branch.active).toBe(true);
    });

    it('counts each branch’s active tables and cash registers, the same in the list and the detail', async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      await onProPlan(owner);
      const centro = await openBranch(client, 'Local Centro');
      const playa = await openBranch(client, 'Local Playa');
      const vacio = await openBranch(client, 'Local Vacío');
      const tables = await Promise.all(
        [1, 2, 3].map((number) =>
          created(
            client.post<TableView>(`/api/tenant/branches/${centro.branch.id}/tables`, {
              zoneId: centro.zones[0]?.id,
              number,
            }),
          ),
        ),
      );
      await created(
        client.post<TableView>(`/api/tenant/branches/${playa.branch.id}/tables`, {
          zoneId: playa.zones[0]?.id,
          number: 1,
        }),
      );
      const registers = await Promise.all(
        ['Caja 1', 'Caja 2'].map((name) =>
          created(
            client.post<CashRegisterView>(`/api/tenant/branches/${centro.branch.id}/cash-registers`, {
              name,
            }),
          ),
        ),
      );
      await created(
        client.post<CashRegisterView>(`/api/tenant/branches/${playa.branch.id}/cash-registers`, {
          name: 'Caja playa',
        }),
      );
      // Deactivated tables and registers stay on record but no longer count.
      expect((await client.patch(`/api/tenant/tables/${tables[2]?.id}`, { active: false })).status).toBe(200);
      expect(
        (await client.patch(`/api/tenant/cash-registers/${registers[1]?.id}`, { active: false })).status,
      ).toBe(200);

      const list = await client.get<BranchView[]>('/api/tenant/branches');
      expect(list.status).toBe(200);
      expect(list.body.map((branch) => [branch.name, branch.tableCount, branch.cashRegisterCount])).toEqual([
        ['Local Centro', 2, 1],
        ['Local Playa', 1, 1],
        ['Local Vacío', 0, 0],
      ]);
      for (const branch of list.body) {
        expect((await detailOf(client, branch.id)).branch).toEqual(branch);
      }

      // A reactivated table counts again, and the edit's answer already says so.
      await client.patch(`/api/tenant/tables/${tables[2]?.id}`, { active: true });
      const edited = await client.patch<BranchDetailView>(`/api/tenant/branches/${centro.branch.id}`, {
        name: 'Local Centro de Lima',
      });
      expect(edited.body.branch).toMatchObject({ tableCount: 3, cashRegisterCount: 1 });
      expect(vacio.branch).toMatchObject({ tableCount: 0, cashRegisterCount: 0 });
    });

    it('names invalid and unknown fields', async () => {
      const { client } = await buildTenant(server);
      const refused = await client.post<ErrorBody>('/api/tenant/branches', {
        name: '',
        address: 'x'.repeat(161),
        district: null,
        timezone: 'UTC',
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toMatchObject({
        name: { code: 'required' },
        address: { code: 'too_long' },
        timezone: { code: 'unknown_field' },
      });
    });
  });

  describe('zones', () => {
    it('adds zones after the existing ones, renames, reorders and deactivates them', async () => {
      const { client } = await buildTenant(server);
      const { branch } = await openBranch(client);
      const terraza = await created(
        client.post<ZoneView>(`/api/tenant/branches/${branch.id}/zones`, { name: 'Terraza' }),
      );
      expect(terraza).toEqual({
        id: expect.any(String),
        branchId: branch.id,
        name: 'Terraza',
        position: 1,
        active: true,
      });

      const moved = await client.patch<ZoneView>(`/api/tenant/zones/${terraza.id}`, {
        name: 'Terraza techada',
        position: 0,
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ name: 'Terraza techada', position: 0 });
      const off = await client.patch<ZoneView>(`/api/tenant/zones/${terraza.id}`, { active: false });
      expect(off.body.active).toBe(false);

      const azotea = await created(
        client.post<ZoneView>(`/api/tenant/branches/${branch.id}/zones`, { name: 'Azotea' }),
      );
      await client.patch(`/api/tenant/zones/${azotea.id}`, { position: 0 });

      // Same position: in the order they were added, not by name.
      const detail = await detailOf(client, branch.id);
      expect(detail.zones.map((zone) => [zone.name, zone.position, zone.active])).toEqual([
        ['Salón', 0, true],
        ['Terraza techada', 0, false],
        ['Azotea', 0, true],
      ]);
    });
  });

  describe('tables', () => {
    it('adds a table named after its number, and refuses a number already in use', async () => {
      const { client } = await buildTenant(server);
      const { branch, zones } = await openBranch(client);
      const zoneId = zones[0]?.id;
      const mesa1 = await created(
        client.post<TableView>(`/api/tenant/branches/${branch.id}/tables`, { zoneId, number: 1 }),
      );
      expect(mesa1).toEqual({
        id: expect.any(String),
        branchId: branch.id,
        zoneId,
        number: 1,
        name: 'Mesa 1',
        seats: 4,
        active: true,
      });
      const vip = await created(
        client.post<TableView>(`/api/tenant/branches/${branch.id}/tables`, {
          zoneId,
          number: 2,
          name: 'Mesa VIP',
          seats: 8,
        }),
      );
      expect(vip).toMatchObject({ name: 'Mesa VIP', seats: 8 });

      const taken = await client.post<ErrorBody>(`/api/tenant/branches/${branch.id}/tables`, {
        zoneId,
        number: 1,
      });
      expect(taken.status).toBe(422);
      expect(taken.body.error.fields?.number).toMatchObject({ code: 'taken', params: { number: 1 } });

      const renumbered = await client.patch<ErrorBody>(`/api/tenant/tables/${vip.id}`, { number: 1 });
      expect(renumbered.status).toBe(422);
      expect(renumbered.body.error.fields?.number?.code).toBe('taken');
      expect((await detailOf(client, branch.id)).tables.map((table) => table.number)).toEqual([1, 2]);
    });

    it('frees the number of a deactivated table, keeps the record, and checks it on reactivation', async () => {
      const { client } = await buildTenant(server);
      const { branch, zones } = await openBranch(client);
      const path = `/api/tenant/branches/${branch.id}/tables`;
      const old = await created(client.post<TableView>(path, { zoneId: zones[0]?.id, number: 5 }));

      const off = await client.patch<TableView>(`/api/tenant/tables/${old.id}`, { active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const fresh = await created(client.post<TableView>(path, { zoneId: zones[0]?.id, number: 5 }));

      const back = await client.patch<ErrorBody>(`/api/tenant/tables/${old.id}`, { active: true });
      expect(back.status).toBe(422);
      expect(back.body.error.fields?.number?.code).toBe('taken');
      const elsewhere = await client.patch<TableView>(`/api/tenant/tables/${old.id}`, {
        active: true,
        number: 6,
      });
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body).toMatchObject({ number: 6, name: 'Mesa 6', active: true });

      const tables = (await detailOf(client, branch.id)).tables;
      expect(tables.map((table) => [table.id, table.number, table.active])).toEqual([
        [fresh.id, 5, true],
        [old.id, 6, true],
      ]);
    });

    it('gives one of two simultaneous tables the number and refuses the other', async () => {
      const { client } = await buildTenant(server);
      const { branch, zones } = await openBranch(client);
      const answers = await Promise.all(
        [1, 2].map(() =>
          client.post<ErrorBody>(`/api/tenant/branches/${branch.id}/tables`, {
            zoneId: zones[0]?.id,
            number: 7,
          }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
      expect(answers.find((answer) => answer.status === 422)?.body.error.fields?.number?.code).toBe('taken');
    });

    it('edits seats, zone and name; a default name follows the number, a custom one stays', async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      const { branch, zones } = await openBranch(client);
      const terraza = await created(
        client.post<ZoneView>(`/api/tenant/branches/${branch.id}/zones`, { name: 'Terraza' }),
      );
      const table = await created(
        client.post<TableView>(`/api/tenant/branches/${branch.id}/tables`, {
          zoneId: zones[0]?.id,
          number: 3,
        }),
      );

      const moved = await client.patch<TableView>(`/api/tenant/tables/${table.id}`, {
        zoneId: terraza.id,
        number: 13,
        seats: 6,
      });
      expect(moved.body).toMatchObject({ zoneId: terraza.id, number: 13, name: 'Mesa 13', seats: 6 });
      const named = await client.patch<TableView>(`/api/tenant/tables/${table.id}`, {
        name: 'Ventana',
        number: 14,
      });
      expect(named.body).toMatchObject({ name: 'Ventana', number: 14 });
      const kept = await client.patch<TableView>(`/api/tenant/tables/${table.id}`, { number: 15 });
      expect(kept.body.name).toBe('Ventana');
      const reset = await client.patch<TableView>(`/api/tenant/tables/${table.id}`, { name: null });
      expect(reset.body.name).toBe('Mesa 15');

      await onProPlan(owner);
      const other = await openBranch(client, 'Local Dos');
      const foreignZone = await client.patch<ErrorBody>(`/api/tenant/tables/${table.id}`, {
        zoneId: other.zones[0]?.id,
      });
      expect(foreignZone.status).toBe(422);
      expect(foreignZone.body.error.fields?.zoneId?.code).toBe('unknown_reference');
      const intoForeignZone = await client.post<ErrorBody>(`/api/tenant/branches/${branch.id}/tables`, {
        zoneId: other.zones[0]?.id,
        number: 1,
      });
      expect(intoForeignZone.status).toBe(422);
      expect(intoForeignZone.body.error.fields?.zoneId?.code).toBe('unknown_reference');
    });

    it('reads a table after taking its branch lock, so a renumbering just made counts', async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      const { branch, zones } = await openBranch(client);
      const zoneId = zones[0]?.id ?? '';
      const tables = `/api/tenant/branches/${branch.id}/tables`;
      const mesa1 = await created(client.post<TableView>(tables, { zoneId, number: 1 }));

      // While the request waits for the branch, another transaction makes the table Mesa 7:
      // a default name then follows the number the table has now, not the one read before.
      const answer = await withTenantSql(server, owner.tenantId, async (sql) => {
        await sql.query('begin');
        await sql.query('select id from branches where id = $1 for update', [branch.id]);
        const pending = client.patch<TableView>(`/api/tenant/tables/${mesa1.id}`, { number: 8 });
        await lockWaiters(sql, 1);
        await sql.query(`update dining_tables set number = 7, name = 'Barra' where id = $1`, [mesa1.id]);
        await sql.query('commit');
        return pending;
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ number: 8, name: 'Barra' });
    });

    it('holds a trial branch to 60 active tables', async () => {
      const { client } = await buildTenant(server);
      const { branch } = await openBranch(client);
      const setup = await client.put('/api/tenant/setup/branch', {
        name: branch.name,
        address: null,
        district: null,
        tableCount: 60,
      });
      expect(setup.status).toBe(200);
      const detail = await detailOf(client, branch.id);
      expect(detail.tables.filter((table) => table.active)).toHaveLength(60);

      const path = `/api/tenant/branches/${branch.id}/tables`;
      const refused = await client.post<ErrorBody>(path, { zoneId: detail.zones[0]?.id, number: 61 });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'PLAN_LIMIT_REACHED',
        details: { limit: 'tablesPerBranch', max: 60, current: 60 },
      });
      const mesa60 = detail.tables.find((table) => table.number === 60);
      await client.patch(`/api/tenant/tables/${mesa60?.id}`, { active: false });
      expect((await client.post(path, { zoneId: detail.zones[0]?.id, number: 61 })).status).toBe(201);
      const back = await client.patch<ErrorBody>(`/api/tenant/tables/${mesa60?.id}`, { active: true });
      expect(back.status).toBe(403);
    });
  });

  describe('cash registers', () => {
    it('adds, renames and deactivates registers within the plan', async () => {
      const { client } = await buildTenant(server);
      const { branch } = await openBranch(client);
      const path = `/api/tenant/branches/${branch.id}/cash-registers`;
      const caja1 = await created(client.post<CashRegisterView>(path, { name: 'Caja 1' }));
      expect(caja1).toEqual({ id: expect.any(String), branchId: branch.id, name: 'Caja 1', active: true });
      await created(client.post<CashRegisterView>(path, { name: 'Caja 2' }));

      const third = await client.post<ErrorBody>(path, { name: 'Caja 3' });
      expect(third.status).toBe(403);
      expect(third.body.error).toMatchObject({
        code: 'PLAN_LIMIT_REACHED',
        details: { limit: 'cashRegistersPerBranch', max: 2, current: 2 },
      });

      const renamed = await client.patch<CashRegisterView>(`/api/tenant/cash-registers/${caja1.id}`, {
        name: 'Caja delivery',
        active: false,
      });
      expect(renamed.body).toEqual({ ...caja1, name: 'Caja delivery', active: false });
      await created(client.post<CashRegisterView>(path, { name: 'Caja 3' }));
      const back = await client.patch<ErrorBody>(`/api/tenant/cash-registers/${caja1.id}`, { active: true });
      expect(back.status).toBe(403);

      // In the order they were opened (not by name), inactive ones flagged where they were.
      const registers = (await detailOf(client, branch.id)).cashRegisters;
      expect(registers.map((register) => [register.name, register.active])).toEqual([
        ['Caja delivery', false],
        ['Caja 2', true],
        ['Caja 3', true],
      ]);
    });

    it('reads a register after taking its branch lock, so a reactivation just made counts', async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      const { branch } = await openBranch(client);
      const path = `/api/tenant/branches/${branch.id}/cash-registers`;
      const caja1 = await created(client.post<CashRegisterView>(path, { name: 'Caja 1' }));
      await created(client.post<CashRegisterView>(path, { name: 'Caja 2' }));
      await client.patch(`/api/tenant/cash-registers/${caja1.id}`, { active: false });

      // Another transaction holds the branch and reactivates Caja 1 while the request waits for it:
      // the request must see Caja 1 active (nothing to count), not the row it could read before.
      const answer = await withTenantSql(server, owner.tenantId, async (sql) => {
        await sql.query('begin');
        await sql.query('select id from branches where id = $1 for update', [branch.id]);
        const pending = client.patch<CashRegisterView>(`/api/tenant/cash-registers/${caja1.id}`, {
          active: true,
        });
        await lockWaiters(sql, 1);
        await sql.query('update cash_registers set active = true where id = $1', [caja1.id]);
        await sql.query('commit');
        return pending;
      });
      expect([answer.status, answer.body.active]).toEqual([200, true]);
    });
  });

  describe('kitchen stations', () => {
    it('names stations once, gives them to branches and replaces that list on edit', async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      await onProPlan(owner);
      const uno = await openBranch(client, 'Local Uno');
      const dos = await openBranch(client, 'Local Dos');

      const brasa = await created(
        client.post<StationView>('/api/tenant/stations', {
          name: 'Brasa',
          branchIds: [uno.branch.id, uno.branch.id],
        }),
      );
      expect(brasa).toEqual({
        id: expect.any(String),
        name: 'Brasa',
        position: 0,
        active: true,
        branchIds: [uno.branch.id],
      });
      const bar = await created(client.post<StationView>('/api/tenant/stations', { name: 'Bar' }));
      expect(bar).toMatchObject({ position: 1, branchIds: [] });

      const duplicate = await client.post<ErrorBody>('/api/tenant/stations', { name: '  bRaSa ' });
      expect(duplicate.status).toBe(422);
      expect(duplicate.body.error.fields?.name?.code).toBe('taken');
      const wildcard = await client.post<StationView>('/api/tenant/stations', { name: 'B_r%' });
      expect(wildcard.status).toBe(201);

      const unknownBranch = await client.post<ErrorBody>('/api/tenant/stations', {
        name: 'Postres',
        branchIds: [uno.branch.id, UNKNOWN_ID],
      });
      expect(unknownBranch.status).toBe(422);
      expect(unknownBranch.body.error.fields?.branchIds?.code).toBe('unknown_reference');

      const moved = await client.patch<StationView>(`/api/tenant/stations/${brasa.id}`, {
        branchIds: [dos.branch.id],
      });
      expect(moved.status).toBe(200);
      expect(moved.body.branchIds).toEqual([dos.branch.id]);
      expect((await detailOf(client, uno.branch.id)).stations).toEqual([]);
      expect((await detailOf(client, dos.branch.id)).stations).toEqual([moved.body]);

      const both = await client.patch<StationView>(`/api/tenant/stations/${brasa.id}`, {
        branchIds: [uno.branch.id, dos.branch.id],
      });
      expect(both.body.branchIds).toEqual([uno.branch.id, dos.branch.id].sort());

      const clash = await client.patch<ErrorBody>(`/api/tenant/stations/${bar.id}`, { name: 'BRASA' });
      expect(clash.status).toBe(422);
      expect(clash.body.error.fields?.name?.code).toBe('taken');
      const recased = await client.patch<StationView>(`/api/tenant/stations/${bar.id}`, { name: 'BAR' });
      expect(recased.body.name).toBe('BAR');

      const off = await client.patch<StationView>(`/api/tenant/stations/${bar.id}`, { active: false });
      expect(off.body.active).toBe(false);
      const stations = await client.get<StationView[]>('/api/tenant/stations');
      expect(stations.body.map((station) => [station.name, station.active])).toEqual([
        ['Brasa', true],
        ['BAR', false],
        ['B_r%', true],
      ]);
    });

    it('stores station names as the menu does: trimmed, inner spaces collapsed, unique whatever the case', async () => {
      const { client } = await buildTenant(server);
      const parrilla = await created(
        client.post<StationView>('/api/tenant/stations', { name: '  Parrilla   Norte ' }),
      );
      expect(parrilla.name).toBe('Parrilla Norte');
      const again = await client.post<ErrorBody>('/api/tenant/stations', { name: 'parrilla  norte' });
      expect(again.status).toBe(422);
      expect(again.body.error.fields?.name?.code).toBe('taken');

      const bar = await created(client.post<StationView>('/api/tenant/stations', { name: 'Bar' }));
      const clash = await client.patch<ErrorBody>(`/api/tenant/stations/${bar.id}`, {
        name: 'PARRILLA NORTE ',
      });
      expect(clash.status).toBe(422);
      expect(clash.body.error.fields?.name?.code).toBe('taken');
      const renamed = await client.patch<StationView>(`/api/tenant/stations/${bar.id}`, {
        name: 'Bar   y  jugos',
      });
      expect(renamed.body.name).toBe('Bar y jugos');
    });

    it("gives a new branch the business's active stations", async () => {
      const owner = await buildTenant(server);
      const { client } = owner;
      await onProPlan(owner);
      const uno = await openBranch(client, 'Local Uno');
      const brasa = await created(
        client.post<StationView>('/api/tenant/stations', { name: 'Brasa', branchIds: [uno.branch.id] }),
      );
      const bar = await created(client.post<StationView>('/api/tenant/stations', { name: 'Bar' }));
      await client.patch(`/api/tenant/stations/${bar.id}`, { active: false });

      const dos = await openBranch(client, 'Local Dos');
      expect(dos.stations.map((station) => [station.id, station.branchIds])).toEqual([
        [brasa.id, [uno.branch.id, dos.branch.id].sort()],
      ]);
    });
  });

  it('answers 404 for ids it does not know, or that are not ids', async () => {
    const { client } = await buildTenant(server);
    for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
      const answers = await Promise.all([
        client.get(`/api/tenant/branches/${id}`),
        client.patch(`/api/tenant/branches/${id}`, { name: 'X' }),
        client.post(`/api/tenant/branches/${id}/zones`, { name: 'X' }),
        client.patch(`/api/tenant/zones/${id}`, { name: 'X' }),
        client.post(`/api/tenant/branches/${id}/tables`, { zoneId: UNKNOWN_ID, number: 1 }),
        client.patch(`/api/tenant/tables/${id}`, { seats: 2 }),
        client.post(`/api/tenant/branches/${id}/cash-registers`, { name: 'X' }),
        client.patch(`/api/tenant/cash-registers/${id}`, { name: 'X' }),
        client.patch(`/api/tenant/stations/${id}`, { name: 'X' }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual(Array(answers.length).fill(404));
    }
  });

  it("gives another business's session a 404 for every id, and changes nothing", async () => {
    const [owner, stranger] = await Promise.all([buildTenant(server), buildTenant(server)]);
    const { client } = owner;
    const { branch, zones } = await openBranch(client);
    const zoneId = zones[0]?.id ?? '';
    const table = await created(
      client.post<TableView>(`/api/tenant/branches/${branch.id}/tables`, { zoneId, number: 1 }),
    );
    const register = await created(
      client.post<CashRegisterView>(`/api/tenant/branches/${branch.id}/cash-registers`, { name: 'Caja 1' }),
    );
    const station = await created(
      client.post<StationView>('/api/tenant/stations', { name: 'Brasa', branchIds: [branch.id] }),
    );
    const before = await detailOf(client, branch.id);
    const stationsBefore = (await client.get<StationView[]>('/api/tenant/stations')).body;

    const attempts: [string, Promise<ApiResponse<ErrorBody>>][] = [
      ['GET branch', stranger.client.get(`/api/tenant/branches/${branch.id}`)],
      [
        'PATCH branch',
        stranger.client.patch(`/api/tenant/branches/${branch.id}`, { name: 'Mía', active: false }),
      ],
      ['POST zone', stranger.client.post(`/api/tenant/branches/${branch.id}/zones`, { name: 'Intrusa' })],
      [
        'PATCH zone',
        stranger.client.patch(`/api/tenant/zones/${zoneId}`, { name: 'Intrusa', active: false }),
      ],
      ['POST table', stranger.client.post(`/api/tenant/branches/${branch.id}/tables`, { zoneId, number: 2 })],
      ['PATCH table', stranger.client.patch(`/api/tenant/tables/${table.id}`, { number: 9, active: false })],
      [
        'POST register',
        stranger.client.post(`/api/tenant/branches/${branch.id}/cash-registers`, { name: 'Caja intrusa' }),
      ],
      [
        'PATCH register',
        stranger.client.patch(`/api/tenant/cash-registers/${register.id}`, { active: false }),
      ],
      [
        'PATCH station',
        stranger.client.patch(`/api/tenant/stations/${station.id}`, { name: 'Mía', branchIds: [] }),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const answer = await attempt;
      expect([label, answer.status, answer.body.error?.code]).toEqual([label, 404, 'NOT_FOUND']);
    }

    // Naming the other business's ids inside a body is just as unknown.
    const own = await openBranch(stranger.client);
    const foreignZone = await stranger.client.post<ErrorBody>(
      `/api/tenant/branches/${own.branch.id}/tables`,
      {
        zoneId,
        number: 1,
      },
    );
    expect(foreignZone.body.error.fields?.zoneId?.code).toBe('unknown_reference');
    const foreignBranch = await stranger.client.post<ErrorBody>('/api/tenant/stations', {
      name: 'Brasa',
      branchIds: [branch.id],
    });
    expect(foreignBranch.body.error.fields?.branchIds?.code).toBe('unknown_reference');
    expect((await stranger.client.get<BranchView[]>('/api/tenant/branches')).body.map((b) => b.id)).toEqual([
      own.branch.id,
    ]);
    expect((await stranger.client.get<StationView[]>('/api/tenant/stations')).body).toEqual([]);

    expect(await detailOf(client, branch.id)).toEqual(before);
    expect((await client.get<StationView[]>('/api/tenant/stations')).body).toEqual(stationsBefore);
  });
});
