import {
  rooms,
  type BranchView,
  type CurrentTenantView,
  type MenuView,
  type StationView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBranch,
  DeviceClient,
  mintDevice,
  mintSignedInStaff,
  openSocket,
  socketOutcome,
  type MintedStaff,
} from './actors.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Staff and devices are bound to one tenant and one branch: whatever they send, a waiter of
 * tenant A's branch 1 reads and hears nothing of branch 2 or of tenant B.
 */
describe('staff isolation across tenants and branches', () => {
  let server: TestServer;
  let ownerA: BuiltOwner;
  let ownerB: BuiltOwner;
  let branchA1: string;
  let branchA2: string;
  let branchB1: string;
  let waiterA1: MintedStaff;

  beforeAll(async () => {
    server = await startTestServer();
    ownerA = await buildTenant(server);
    ownerB = await buildTenant(server);
    branchA1 = await buildBranch(server, ownerA, 'Miraflores');
    branchA2 = await buildBranch(server, ownerA, 'Surco');
    branchB1 = await buildBranch(server, ownerB, 'Local de la competencia');
    waiterA1 = await mintSignedInStaff(server, ownerA.tenantId, branchA1, 'waiter');
  });
  afterAll(() => server.close());

  it('acts in its own tenant and branch only', async () => {
    const current = await waiterA1.client.get<CurrentTenantView>('/api/tenant');
    expect(current.status).toBe(200);
    expect(current.body.tenant.id).toBe(ownerA.tenantId);
    expect(current.body.actor).toMatchObject({ kind: 'staff', role: 'waiter', branchId: branchA1 });
    expect(current.body.permissions).not.toContain('menu.edit');

    const branches = await waiterA1.client.get<BranchView[]>('/api/tenant/branches');
    expect(branches.body.map((branch) => branch.id)).toEqual([branchA1]);
    expect((await waiterA1.client.get(`/api/tenant/branches/${branchA1}`)).status).toBe(200);
    expect((await waiterA1.client.get(`/api/tenant/branches/${branchA2}`)).status).toBe(404);
    expect((await waiterA1.client.get(`/api/tenant/branches/${branchB1}`)).status).toBe(404);
  });

  it("lists only its branch's kitchen stations, and only its tenant's menu", async () => {
    const onlyA2 = await ownerA.client.post<StationView>('/api/tenant/stations', {
      name: 'Parrilla de Surco',
      branchIds: [branchA2],
    });
    expect(onlyA2.status).toBe(201);
    const stations = await waiterA1.client.get<StationView[]>('/api/tenant/stations');
    expect(stations.status).toBe(200);
    expect(stations.body.map((station) => station.name)).not.toContain('Parrilla de Surco');
    expect(stations.body.every((station) => station.branchIds.includes(branchA1))).toBe(true);

    const category = await ownerB.client.post<{ id: string }>('/api/tenant/menu/categories', {
      name: 'Secreto B',
    });
    expect(category.status).toBe(201);
    const menu = await waiterA1.client.get<MenuView>('/api/tenant/menu');
    expect(menu.status).toBe(200);
    expect(menu.body.categories.map((item) => item.name)).not.toContain('Secreto B');
  });

  it('refuses a device cookie that names another tenant, and a staff cookie from another device', async () => {
    const [, deviceId, secret] = waiterA1.deviceToken.split('.');
    const retargeted = DeviceClient.withCookies(server.url, {
      smartket_device: `${ownerB.tenantId}.${deviceId}.${secret}`,
      smartket_staff: waiterA1.staffToken,
    });
    const refused = await retargeted.get<{ error: { code: string } }>('/api/tenant');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('DEVICE_NOT_PAIRED');

    const phoneA2 = await mintDevice(server, ownerA.tenantId, branchA2, 'shared_phone');
    const borrowed = DeviceClient.withCookies(server.url, {
      smartket_device: phoneA2.deviceToken,
      smartket_staff: waiterA1.staffToken,
    });
    const answer = await borrowed.get<{ error: { code: string } }>(`/api/tenant/branches/${branchA1}`);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('STAFF_SIGN_IN_REQUIRED');

    const forged = DeviceClient.withCookies(server.url, {
      smartket_device: `${ownerA.tenantId}.${deviceId}.wrongsecret`,
    });
    expect((await forged.get('/api/tenant')).status).toBe(401);
  });

  it("puts the waiter's socket in its branch room only, so other branches' and tenants' events never reach it", async () => {
    const kioskA2 = await mintDevice(server, ownerA.tenantId, branchA2, 'kitchen_screen');
    const socketA1 = openSocket(server, waiterA1.client.cookieHeader());
    const socketA2 = openSocket(server, `smartket_device=${kioskA2.deviceToken}`);
    try {
      const outcomes = await Promise.all([socketOutcome(socketA1), socketOutcome(socketA2)]);
      expect(outcomes).toEqual(['connected', 'connected']);
      const inRoom = async (room: string) =>
        (await server.io.in(room).fetchSockets()).map((socket) => socket.id);
      expect(await inRoom(rooms.branch(ownerA.tenantId, branchA1))).toContain(socketA1.id);
      expect(await inRoom(rooms.branch(ownerA.tenantId, branchA2))).not.toContain(socketA1.id);
      expect(await inRoom(rooms.tenant(ownerA.tenantId))).not.toContain(socketA1.id);
      expect(await inRoom(rooms.branch(ownerB.tenantId, branchB1))).not.toContain(socketA1.id);
      expect(await inRoom(rooms.kitchen(ownerA.tenantId, branchA2))).toContain(socketA2.id);

      const heardByA1: unknown[] = [];
      socketA1.onAny((event: string, payload: unknown) => heardByA1.push({ event, payload }));
      const heardByA2 = new Promise((resolve) => socketA2.once('devices.revoked', resolve));
      server.services.broadcaster.publish({
        rooms: [
          rooms.kitchen(ownerA.tenantId, branchA2),
          rooms.branch(ownerB.tenantId, branchB1),
          rooms.tenant(ownerA.tenantId),
        ],
        event: 'devices.revoked',
        payload: { deviceId: 'probe' },
      });
      expect(await heardByA2).toEqual({ deviceId: 'probe' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heardByA1).toEqual([]);
    } finally {
      socketA1.close();
      socketA2.close();
    }
  });
});
