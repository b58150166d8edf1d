import { randomBytes } from 'node:crypto';
import type { BranchDetailView, BranchView, ErrorBody, MeView, SetupView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Category } from '../src/modules/menu/category.entity.ts';
import { Product } from '../src/modules/menu/product.entity.ts';
import { Membership } from '../src/modules/tenants/membership.entity.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import type { ApiClient } from './test-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const RUC_STEP = {
  taxMode: 'ruc',
  ruc: '20131312955',
  legalName: 'Pollería El Dorado S.A.C.',
  fiscalAddress: 'Av. Arequipa 1234, Lince, Lima',
};
const BRANCH_STEP = { name: 'Local Central', address: 'Jr. Carabaya 456', district: 'Cercado de Lima' };

describe('setup wizard', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** Puts a product straight into the tenant's database, so these tests do not need the menu API. */
  async function addProduct(owner: BuiltOwner, options: { active?: boolean } = {}): Promise<void> {
    const tenant = await server.services.adminOrm.em
      .fork()
      .findOneOrFail(Tenant, owner.tenantId, { populate: ['databasePasswordSealed'] });
    await server.services.registry.withTenant(server.services.locator.locate(tenant), async (em) => {
      const suffix = randomBytes(3).toString('hex');
      const category = em.create(Category, { name: `Pollos ${suffix}`, colour: '#C2410C' });
      await em.flush();
      em.create(Product, {
        categoryId: category.id,
        name: `1/4 de pollo ${suffix}`,
        priceCents: 1890,
        active: options.active ?? true,
      });
      await em.flush();
    });
  }

  async function setup(client: ApiClient): Promise<SetupView> {
    const response = await client.get<SetupView>('/api/tenant/setup');
    expect(response.status).toBe(200);
    return response.body;
  }

  async function branchDetail(client: ApiClient, id: string): Promise<BranchDetailView> {
    const response = await client.get<BranchDetailView>(`/api/tenant/branches/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('starts with nothing saved and the fiscal step next', async () => {
    const owner = await buildTenant(server);
    expect(await setup(owner.client)).toEqual({
      complete: false,
      nextStep: 'fiscal',
      fiscal: null,
      branch: null,
      cashRegister: null,
      productCount: 0,
    });
  });

  describe('step 1: fiscal data', () => {
    it('saves a RUC with its legal name and fiscal address, in soles', async () => {
      const owner = await buildTenant(server);
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/fiscal', {
        ...RUC_STEP,
        ruc: ' 20131312955 ',
        legalName: '  Pollería El Dorado S.A.C. ',
      });
      expect(saved.status).toBe(200);
      expect(saved.body.fiscal).toEqual({
        taxMode: 'ruc',
        ruc: '20131312955',
        legalName: 'Pollería El Dorado S.A.C.',
        fiscalAddress: RUC_STEP.fiscalAddress,
        currency: 'PEN',
      });
      expect(saved.body.nextStep).toBe('branch');
      expect(await setup(owner.client)).toEqual(saved.body);
    });

    it('saves simple receipts (boleta simple) without a RUC, replacing an earlier RUC', async () => {
      const owner = await buildTenant(server);
      await owner.client.put('/api/tenant/setup/fiscal', RUC_STEP);
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/fiscal', {
        taxMode: 'simple_receipt',
      });
      expect(saved.status).toBe(200);
      expect(saved.body.fiscal).toEqual({
        taxMode: 'simple_receipt',
        ruc: null,
        legalName: null,
        fiscalAddress: null,
        currency: 'PEN',
      });
      expect((await setup(owner.client)).fiscal?.taxMode).toBe('simple_receipt');
    });

    it.each([
      ['too short', '2013131295', 'ruc_length'],
      ['with a letter', '2013131295A', 'ruc_length'],
      ['with an unknown prefix', '30131312955', 'ruc_prefix'],
      ['with a wrong check digit', '20131312956', 'ruc_check_digit'],
    ])('refuses a RUC %s, naming the field and the reason', async (_label, ruc, code) => {
      const owner = await buildTenant(server);
      const refused = await owner.client.put<ErrorBody>('/api/tenant/setup/fiscal', { ...RUC_STEP, ruc });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.fields?.ruc?.code).toBe(code);
      expect((await setup(owner.client)).fiscal).toBeNull();
    });

    it('asks for the legal name and address when selling with a RUC', async () => {
      const owner = await buildTenant(server);
      const refused = await owner.client.put<ErrorBody>('/api/tenant/setup/fiscal', {
        taxMode: 'ruc',
        ruc: '20131312955',
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields?.legalName?.code).toBe('required');
      expect(refused.body.error.fields?.fiscalAddress?.code).toBe('required');
    });
  });

  describe('step 2: branch and tables', () => {
    it('opens the branch with the zone Salón, Mesa 1..N and the stations Brasa, Cocina and Bar', async () => {
      const owner = await buildTenant(server);
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 8,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.branch).toMatchObject({
        ...BRANCH_STEP,
        active: true,
        tableCount: 8,
        cashRegisterCount: 0,
      });
      expect(saved.body.nextStep).toBe('fiscal');

      const detail = await branchDetail(owner.client, saved.body.branch?.id ?? '');
      expect(detail.zones.map((zone) => zone.name)).toEqual(['Salón']);
      expect(detail.tables.map((table) => [table.number, table.name, table.seats, table.active])).toEqual(
        Array.from({ length: 8 }, (_, index) => [index + 1, `Mesa ${index + 1}`, 4, true]),
      );
      expect(new Set(detail.tables.map((table) => table.zoneId))).toEqual(new Set([detail.zones[0]?.id]));
      expect(detail.stations.map((station) => [station.name, station.branchIds])).toEqual([
        ['Brasa', [detail.branch.id]],
        ['Cocina', [detail.branch.id]],
        ['Bar', [detail.branch.id]],
      ]);
    });

    it('edits the same branch when the owner goes back, bringing its tables up and down', async () => {
      const owner = await buildTenant(server);
      const first = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 5,
      });
      const branchId = first.body.branch?.id ?? '';
      const original = await branchDetail(owner.client, branchId);

      const renamed = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        name: 'Pollería Central',
        address: '',
        district: 'Miraflores',
        tableCount: 8,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.branch).toMatchObject({
        id: branchId,
        name: 'Pollería Central',
        address: null,
        district: 'Miraflores',
        tableCount: 8,
      });
      const branches = await owner.client.get<BranchView[]>('/api/tenant/branches');
      expect(branches.body.map((branch) => branch.id)).toEqual([branchId]);
      let detail = await branchDetail(owner.client, branchId);
      expect(activeNumbers(detail)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      // The first five are the same tables as before, not copies.
      expect(detail.tables.slice(0, 5).map((table) => table.id)).toEqual(
        original.tables.map((table) => table.id),
      );

      const fewer = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 3,
      });
      expect(fewer.body.branch?.tableCount).toBe(3);
      detail = await branchDetail(owner.client, branchId);
      expect(activeNumbers(detail)).toEqual([1, 2, 3]);
      expect(detail.tables.filter((table) => !table.active).map((table) => table.number)).toEqual([
        4, 5, 6, 7, 8,
      ]);

      const idsBefore = new Map(detail.tables.map((table) => [table.number, table.id]));
      const more = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 6,
      });
      expect(more.body.branch?.tableCount).toBe(6);
      detail = await branchDetail(owner.client, branchId);
      expect(activeNumbers(detail)).toEqual([1, 2, 3, 4, 5, 6]);
      // Mesa 4..6 come back rather than being added twice; nothing was ever deleted.
      expect(detail.tables).toHaveLength(8);
      expect(detail.tables.find((table) => table.number === 5)?.id).toBe(idsBefore.get(5));
      expect(detail.stations).toHaveLength(3);
      expect(detail.zones).toHaveLength(1);
    });

    it('fills the lowest free numbers and keeps tables the owner numbered by hand', async () => {
      const owner = await buildTenant(server);
      const first = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 2,
      });
      const branchId = first.body.branch?.id ?? '';
      const zoneId = (await branchDetail(owner.client, branchId)).zones[0]?.id;
      const barra = await owner.client.post('/api/tenant/branches/' + branchId + '/tables', {
        zoneId,
        number: 20,
        name: 'Barra',
      });
      expect(barra.status).toBe(201);

      await owner.client.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 5 });
      expect(activeNumbers(await branchDetail(owner.client, branchId))).toEqual([1, 2, 3, 4, 20]);
      await owner.client.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 4 });
      expect(activeNumbers(await branchDetail(owner.client, branchId))).toEqual([1, 2, 3, 4]);
    });

    it('keeps the stations a business already has, and gives the active ones to the branch', async () => {
      const owner = await buildTenant(server);
      const own = await owner.client.post('/api/tenant/stations', { name: 'Parrilla' });
      expect(own.status).toBe(201);
      const retired = await owner.client.post<{ id: string }>('/api/tenant/stations', { name: 'Horno' });
      await owner.client.patch(`/api/tenant/stations/${retired.body.id}`, { active: false });
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 1,
      });
      const stations = await owner.client.get<{ name: string }[]>('/api/tenant/stations');
      expect(stations.body.map((station) => station.name)).toEqual(['Parrilla', 'Horno']);
      const detail = await branchDetail(owner.client, saved.body.branch?.id ?? '');
      expect(detail.stations.map((station) => station.name)).toEqual(['Parrilla']);
    });

    it('gives the branch the stations of a sample menu loaded before it', async () => {
      const owner = await buildTenant(server);
      expect((await owner.client.post('/api/tenant/menu/sample')).status).toBe(200);
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 2,
      });
      expect(saved.status).toBe(200);
      const branchId = saved.body.branch?.id ?? '';
      const detail = await branchDetail(owner.client, branchId);
      expect(detail.stations.map((station) => [station.name, station.branchIds])).toEqual([
        ['Brasa', [branchId]],
        ['Cocina', [branchId]],
        ['Bar', [branchId]],
      ]);
    });

    it('moves to the branch the owner opened after closing the setup one, instead of hitting the plan limit', async () => {
      const owner = await buildTenant(server);
      const first = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 2,
      });
      const closedId = first.body.branch?.id ?? '';
      await owner.client.patch(`/api/tenant/branches/${closedId}`, { active: false });
      const opened = await owner.client.post<BranchDetailView>('/api/tenant/branches', {
        name: 'Local Nuevo',
        address: null,
        district: null,
      });
      expect(opened.status).toBe(201);

      const saved = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 3,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.branch).toMatchObject({ id: opened.body.branch.id, active: true, tableCount: 3 });
      expect((await branchDetail(owner.client, closedId)).branch.active).toBe(false);
      expect((await setup(owner.client)).branch?.id).toBe(opened.body.branch.id);
    });

    it('brings the setup branch back when it was closed and no other is open', async () => {
      const owner = await buildTenant(server);
      const first = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 2,
      });
      const branchId = first.body.branch?.id ?? '';
      await owner.client.patch(`/api/tenant/branches/${branchId}`, { active: false });
      const saved = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 2,
      });
      expect(saved.body.branch).toMatchObject({ id: branchId, active: true });
    });

    it('refuses more tables than the plan allows, and writes nothing', async () => {
      const owner = await buildTenant(server);
      const refused = await owner.client.put<ErrorBody>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 61,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'PLAN_LIMIT_REACHED',
        details: { limit: 'tablesPerBranch', max: 60, plan: 'trial', current: 0 },
      });
      expect((await setup(owner.client)).branch).toBeNull();
      expect((await owner.client.get<BranchView[]>('/api/tenant/branches')).body).toEqual([]);
      expect((await owner.client.get<unknown[]>('/api/tenant/stations')).body).toEqual([]);
    });

    it('opens one branch when the step is sent twice at once', async () => {
      const owner = await buildTenant(server);
      const answers = await Promise.all(
        [4, 6].map((tableCount) =>
          owner.client.put<SetupView>('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const branches = await owner.client.get<BranchView[]>('/api/tenant/branches');
      expect(branches.body).toHaveLength(1);
      const detail = await branchDetail(owner.client, branches.body[0]?.id ?? '');
      expect(detail.stations).toHaveLength(3);
      expect([4, 6]).toContain(activeNumbers(detail).length);
    });

    it('names the fields it refuses', async () => {
      const owner = await buildTenant(server);
      const refused = await owner.client.put<ErrorBody>('/api/tenant/setup/branch', {
        name: ' ',
        address: null,
        district: null,
        tableCount: -1,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields?.name?.code).toBe('required');
      expect(refused.body.error.fields?.tableCount?.code).toBe('too_short');
    });
  });

  describe('step 3: cash register', () => {
    it('needs the branch first', async () => {
      const owner = await buildTenant(server);
      const refused = await owner.client.put<ErrorBody>('/api/tenant/setup/cash-register', {
        name: 'Caja 1',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('SETUP_INCOMPLETE');
      expect(refused.body.error.fields).toEqual({
        branch: expect.objectContaining({ code: 'step_missing' }),
      });
      expect((await setup(owner.client)).cashRegister).toBeNull();
    });

    it("opens the branch's register, then renames the same one", async () => {
      const owner = await buildTenant(server);
      const branch = await owner.client.put<SetupView>('/api/tenant/setup/branch', {
        ...BRANCH_STEP,
        tableCount: 3,
      });
      const branchId = branch.body.branch?.id ?? '';
      const first = await owner.client.put<SetupView>('/api/tenant/setup/cash-register', { name: 'Caja 1' });
      expect(first.status).toBe(200);
      expect(first.body.cashRegister).toEqual({
        id: expect.any(String),
        branchId,
        name: 'Caja 1',
        active: true,
      });
      const renamed = await owner.client.put<SetupView>('/api/tenant/setup/cash-register', {
        name: 'Caja principal',
      });
      expect(renamed.body.cashRegister).toEqual({ ...first.body.cashRegister, name: 'Caja principal' });
      const detail = await branchDetail(owner.client, branchId);
      expect(detail.cashRegisters.map((register) => register.name)).toEqual(['Caja principal']);
      // The wizard's branch is the same BranchView, counts included, as the branches API answers.
      expect(renamed.body.branch).toEqual(detail.branch);
      expect(renamed.body.branch).toMatchObject({ tableCount: 3, cashRegisterCount: 1 });
    });
  });

  it('resumes where the owner left, on any device', async () => {
    const owner = await buildTenant(server);
    const phone = server.client();
    const signedIn = await phone.post('/api/auth/login', { email: owner.email, password: owner.password });
    expect(signedIn.status).toBe(200);

    const fiscal = await owner.client.put<SetupView>('/api/tenant/setup/fiscal', RUC_STEP);
    expect(await setup(owner.client)).toEqual(fiscal.body);
    expect(await setup(phone)).toMatchObject({ nextStep: 'branch', fiscal: { ruc: RUC_STEP.ruc } });

    await phone.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 10 });
    expect(await setup(owner.client)).toMatchObject({
      nextStep: 'cash_register',
      branch: { name: BRANCH_STEP.name, tableCount: 10 },
    });

    await owner.client.put('/api/tenant/setup/cash-register', { name: 'Caja 1' });
    const afterRegister = await setup(phone);
    expect(afterRegister).toMatchObject({
      complete: false,
      nextStep: 'products',
      fiscal: { taxMode: 'ruc' },
      branch: { tableCount: 10 },
      cashRegister: { name: 'Caja 1' },
      productCount: 0,
    });
    expect(await setup(owner.client)).toEqual(afterRegister);
  });

  describe('completing', () => {
    it('takes no body, and names a field it does not know', async () => {
      const owner = await buildTenant(server);
      const refused = await owner.client.post<ErrorBody>('/api/tenant/setup/complete', { x: 1 });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toEqual({ x: expect.objectContaining({ code: 'unknown_field' }) });
      const empty = await owner.client.post<ErrorBody>('/api/tenant/setup/complete', {});
      expect(empty.status).toBe(409);
    });

    it('names every missing step, products included', async () => {
      const owner = await buildTenant(server);
      const empty = await owner.client.post<ErrorBody>('/api/tenant/setup/complete');
      expect(empty.status).toBe(409);
      expect(empty.body.error.code).toBe('SETUP_INCOMPLETE');
      expect(Object.keys(empty.body.error.fields ?? {})).toEqual([
        'fiscal',
        'branch',
        'cash_register',
        'products',
      ]);

      await owner.client.put('/api/tenant/setup/fiscal', { taxMode: 'simple_receipt' });
      await owner.client.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 4 });
      await owner.client.put('/api/tenant/setup/cash-register', { name: 'Caja 1' });
      await addProduct(owner, { active: false });
      const noProducts = await owner.client.post<ErrorBody>('/api/tenant/setup/complete');
      expect(noProducts.status).toBe(409);
      expect(noProducts.body.error.fields).toEqual({
        products: expect.objectContaining({ code: 'step_missing' }),
      });
      expect(await setup(owner.client)).toMatchObject({
        complete: false,
        nextStep: 'products',
        productCount: 0,
      });
    });

    it('completes once every step is done, marks the business set up, and completes again harmlessly', async () => {
      const owner = await buildTenant(server);
      await owner.client.put('/api/tenant/setup/fiscal', RUC_STEP);
      await owner.client.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 12 });
      await owner.client.put('/api/tenant/setup/cash-register', { name: 'Caja 1' });
      await addProduct(owner);
      expect(await setup(owner.client)).toMatchObject({ complete: false, nextStep: 'done', productCount: 1 });

      const completed = await owner.client.post<SetupView>('/api/tenant/setup/complete');
      expect(completed.status).toBe(200);
      expect(completed.body).toMatchObject({ complete: true, nextStep: 'done', productCount: 1 });
      expect(await setup(owner.client)).toEqual(completed.body);

      const me = await owner.client.get<MeView>('/api/auth/me');
      expect(me.body.memberships[0]?.tenant.setupComplete).toBe(true);

      const again = await owner.client.post<SetupView>('/api/tenant/setup/complete');
      expect(again.status).toBe(200);
      expect(again.body).toEqual(completed.body);
    });

    it('leaves other businesses alone', async () => {
      const [owner, neighbour] = await Promise.all([buildTenant(server), buildTenant(server)]);
      await owner.client.put('/api/tenant/setup/fiscal', RUC_STEP);
      await owner.client.put('/api/tenant/setup/branch', { ...BRANCH_STEP, tableCount: 2 });
      await owner.client.put('/api/tenant/setup/cash-register', { name: 'Caja 1' });
      await addProduct(owner);
      expect((await owner.client.post('/api/tenant/setup/complete')).status).toBe(200);

      expect(await setup(neighbour.client)).toMatchObject({
        complete: false,
        nextStep: 'fiscal',
        branch: null,
      });
      const me = await neighbour.client.get<MeView>('/api/auth/me');
      expect(me.body.memberships[0]?.tenant.setupComplete).toBe(false);
    });
  });

  it('lets an admin follow the wizard but only the owner fill it in', async () => {
    const owner = await buildTenant(server);
    const colleague = await buildTenant(server);
    const em = server.services.adminOrm.em.fork();
    em.create(Membership, {
      user: colleague.me.user.id,
      tenant: owner.tenantId,
      role: 'admin',
      createdAt: new Date(),
    });
    await em.flush();
    const switched = await colleague.client.post('/api/auth/active-tenant', { tenantId: owner.tenantId });
    expect(switched.status).toBe(200);

    expect((await colleague.client.get('/api/tenant/setup')).status).toBe(200);
    const refused = await colleague.client.put<ErrorBody>('/api/tenant/setup/fiscal', RUC_STEP);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await colleague.client.post<ErrorBody>('/api/tenant/setup/complete')).status).toBe(403);
    expect((await setup(owner.client)).fiscal).toBeNull();
  });
});

function activeNumbers(detail: BranchDetailView): number[] {
  return detail.tables.filter((table) => table.active).map((table) => table.number);
}
