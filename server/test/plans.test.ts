import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ErrorBody, MeView, PlanView, SetupView, TenantView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { changePlan } from '../src/modules/plans/plans.service.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const DAY = 24 * 60 * 60 * 1000;
const run = promisify(execFile);

function activeTenant(me: MeView): TenantView {
  const tenant = me.memberships.find((membership) => membership.tenant.id === me.activeTenantId)?.tenant;
  if (!tenant) {
    throw new Error('no active tenant');
  }
  return tenant;
}

describe('free trial and plans', () => {
  let server: TestServer;
  // One clock for the file: each test signs its own tenant up at the clock's current time and
  // only moves it forward relative to that, so the order of the tests does not matter.
  const clock = new ManualClock(new Date('2026-11-02T15:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  /** An owner whose restaurant already has fiscal data and a category. */
  async function ownerWithData(): Promise<BuiltOwner> {
    const owner = await buildTenant(server);
    const fiscal = await owner.client.put('/api/tenant/setup/fiscal', { taxMode: 'simple_receipt' });
    expect(fiscal.status).toBe(200);
    const category = await owner.client.post('/api/tenant/menu/categories', { name: 'Pollos a la brasa' });
    expect(category.status).toBe(201);
    return owner;
  }

  it('starts a 14-day trial with every trial module and counts the days down by the server clock', async () => {
    const owner = await buildTenant(server);
    expect(activeTenant(owner.me)).toMatchObject({
      plan: 'trial',
      trialDaysLeft: 14,
      readOnly: false,
      activeModules: expect.arrayContaining(['menu_import', 'tables', 'kitchen_display']),
    });

    clock.advance(13 * DAY);
    const me = await owner.client.get<MeView>('/api/auth/me');
    expect(activeTenant(me.body)).toMatchObject({ trialDaysLeft: 1, readOnly: false });
    const plan = await owner.client.get<PlanView>('/api/tenant/plan');
    expect(plan.body).toMatchObject({ plan: 'trial', trialDaysLeft: 1, readOnly: false });
    expect(plan.body.limits.branches).toBe(1);
  });

  it('turns an expired trial read-only: writes answer 402 TRIAL_EXPIRED, reads work, nothing is lost', async () => {
    const owner = await ownerWithData();
    clock.advance(14 * DAY + 1000);

    const me = await owner.client.get<MeView>('/api/auth/me');
    expect(activeTenant(me.body)).toMatchObject({ readOnly: true, trialDaysLeft: 0 });

    // Every write route of the tenant API, with ids that need not exist: the lock answers first.
    const id = '00000000-0000-4000-8000-000000000000';
    const writes: [method: 'POST' | 'PUT' | 'PATCH', path: string, body: string][] = [
      ['PUT', '/api/tenant/setup/fiscal', JSON.stringify({ taxMode: 'simple_receipt' })],
      [
        'PUT',
        '/api/tenant/setup/branch',
        JSON.stringify({ name: 'Local', address: null, district: null, tableCount: 4 }),
      ],
      ['PUT', '/api/tenant/setup/cash-register', JSON.stringify({ name: 'Caja' })],
      ['POST', '/api/tenant/setup/complete', ''],
      ['POST', '/api/tenant/branches', JSON.stringify({ name: 'Local 2', address: null, district: null })],
      ['PATCH', `/api/tenant/branches/${id}`, JSON.stringify({ active: false })],
      ['POST', `/api/tenant/branches/${id}/zones`, JSON.stringify({ name: 'Terraza' })],
      ['PATCH', `/api/tenant/zones/${id}`, JSON.stringify({ name: 'Terraza' })],
      ['POST', `/api/tenant/branches/${id}/tables`, JSON.stringify({ zoneId: id, number: 9 })],
      ['PATCH', `/api/tenant/tables/${id}`, JSON.stringify({ seats: 2 })],
      ['POST', `/api/tenant/branches/${id}/cash-registers`, JSON.stringify({ name: 'Caja 2' })],
      ['PATCH', `/api/tenant/cash-registers/${id}`, JSON.stringify({ name: 'Caja 2' })],
      ['POST', '/api/tenant/stations', JSON.stringify({ name: 'Postres' })],
      ['PATCH', `/api/tenant/stations/${id}`, JSON.stringify({ name: 'Postres' })],
      ['POST', '/api/tenant/menu/categories', JSON.stringify({ name: 'Bebidas' })],
      ['PATCH', `/api/tenant/menu/categories/${id}`, JSON.stringify({ name: 'Bebidas' })],
      [
        'POST',
        '/api/tenant/menu/products',
        JSON.stringify({ name: 'Chicha', priceCents: 500, categoryId: id }),
      ],
      ['PATCH', `/api/tenant/menu/products/${id}`, JSON.stringify({ priceCents: 600 })],
      [
        'POST',
        '/api/tenant/menu/option-groups',
        JSON.stringify({
          name: 'Parte',
          required: true,
          minChoices: 1,
          maxChoices: 1,
          options: [{ name: 'Pecho' }],
        }),
      ],
      ['PATCH', `/api/tenant/menu/option-groups/${id}`, JSON.stringify({ name: 'Parte' })],
      ['POST', '/api/tenant/menu/sample', ''],
    ];
    for (const [method, path, body] of writes) {
      const response = await owner.client.request<ErrorBody>(method, path, body || undefined, {
        ...(body ? { 'content-type': 'application/json' } : {}),
      });
      expect([path, response.status, response.body.error.code]).toEqual([path, 402, 'TRIAL_EXPIRED']);
    }
    const upload = await owner.client.request<ErrorBody>(
      'POST',
      '/api/tenant/menu/import?unknownCategories=create',
      'Categoría;Producto;Precio\nBebidas;Chicha morada;5,50\n',
      { 'content-type': 'text/csv' },
    );
    expect([upload.status, upload.body.error.code]).toEqual([402, 'TRIAL_EXPIRED']);

    const setup = await owner.client.get<SetupView>('/api/tenant/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.fiscal).toMatchObject({ taxMode: 'simple_receipt' });
    const menu = await owner.client.get<{ categories: { name: string }[] }>('/api/tenant/menu');
    expect(menu.status).toBe(200);
    expect(menu.body.categories.map((category) => category.name)).toEqual(['Pollos a la brasa']);
    const plan = await owner.client.get<PlanView>('/api/tenant/plan');
    expect(plan.body).toMatchObject({ readOnly: true, trialDaysLeft: 0 });

    // Leaving is not a write to the business: the owner can still sign out.
    expect((await owner.client.post('/api/auth/logout')).status).toBe(204);
  });

  it('unlocks at once when a plan is activated, and a shortened trial locks at once', async () => {
    const owner = await ownerWithData();
    const slug = activeTenant(owner.me).slug;
    clock.advance(20 * DAY);
    expect((await owner.client.post('/api/tenant/menu/categories', { name: 'Bebidas' })).status).toBe(402);

    await changePlan(server.services.adminOrm.em.fork(), clock, { slug, plan: 'pro' });
    const me = await owner.client.get<MeView>('/api/auth/me');
    expect(activeTenant(me.body)).toMatchObject({
      plan: 'pro',
      readOnly: false,
      trialDaysLeft: null,
      activeModules: expect.arrayContaining(['multi_branch']),
    });
    expect((await owner.client.post('/api/tenant/menu/categories', { name: 'Bebidas' })).status).toBe(201);
    const plan = await owner.client.get<PlanView>('/api/tenant/plan');
    expect(plan.body.limits.branches).toBe(10);

    await changePlan(server.services.adminOrm.em.fork(), clock, { slug, plan: 'trial', trialDays: 0 });
    const locked = await owner.client.post<ErrorBody>('/api/tenant/menu/categories', { name: 'Postres' });
    expect(locked.status).toBe(402);
  });

  it('is what `npm run tenants:plan` does, and the command explains its mistakes', async () => {
    const owner = await ownerWithData();
    const slug = activeTenant(owner.me).slug;
    clock.advance(15 * DAY);
    expect((await owner.client.post('/api/tenant/menu/categories', { name: 'Bebidas' })).status).toBe(402);

    const env = { ...process.env, DATABASE_URL: server.adminUrl, SECRET_KEY: inject('secretKey') };
    const command = (...args: string[]) =>
      run(process.execPath, ['server/src/cli/tenants-plan.ts', ...args], { env }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

    const activated = await command(slug, 'pro');
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain(`${slug} is now on pro`);
    expect((await owner.client.post('/api/tenant/menu/categories', { name: 'Bebidas' })).status).toBe(201);

    const unknownTenant = await command('no-existe-este-negocio', 'pro');
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('No tenant with slug');
    const unknownPlan = await command(slug, 'gold');
    expect(unknownPlan.code).toBe(2);
    expect(unknownPlan.stderr).toContain('Unknown plan "gold"');
    const daysOnPro = await command(slug, 'pro', '--days', '3');
    expect(daysOnPro.code).toBe(2);
    const emptyDays = await command(slug, 'trial', '--days', '');
    expect(emptyDays.code).toBe(2);
  });
});
