import type { CurrentTenantView, DeviceSessionView, DeviceView, PairingCodeView } from '@smartket/shared';
import { ErrorBody, PAIRING_CODE_MINUTES, rooms } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import {
  auditLog,
  buildOwnerWithBranch,
  buildStaff,
  DeviceClient,
  disconnected,
  expectStatus,
  nextEvent,
  openSocket,
  pairDevice,
  signIn,
  socketOutcome,
} from './actors.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const UNKNOWN_ID = '0b7c1d4e-8f2a-4c3b-9d5e-6f7a8b9c0d1e';
const MINUTE = 60_000;

describe('paired devices', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-11-06T15:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  async function newCode(owner: BuiltOwner, body: Record<string, unknown>) {
    return owner.client.post<PairingCodeView>('/api/tenant/devices/pairing-codes', {
      kind: 'cash_desk',
      name: 'Caja 1',
      ...body,
    });
  }

  describe('pairing', () => {
    it('makes a short-lived code that pairs one device, with an HttpOnly credential', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const code = expectStatus(await newCode(owner, { branchId, name: '  Caja   1 ' }), 201);
      expect(code).toEqual({
        code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/),
        expiresAt: new Date(clock.now().getTime() + PAIRING_CODE_MINUTES * MINUTE).toISOString(),
        branchId,
        kind: 'cash_desk',
        name: 'Caja 1',
        pairUrl: `${server.url}/emparejar?codigo=${code.code}`,
      });

      const device = new DeviceClient(server.url);
      // Typed the way people type it: lower case, a space instead of the dash.
      const typed = code.code.toLowerCase().replace('-', ' ');
      const paired = await device.post<DeviceSessionView>('/api/device/pair', { code: typed });
      expect(paired.status).toBe(201);
      expect(paired.body).toEqual({
        device: {
          id: expect.any(String),
          name: 'Caja 1',
          kind: 'cash_desk',
          branchId,
          branchName: 'Local Central',
        },
        tenant: { id: owner.tenantId, businessName: expect.any(String) },
        staff: null,
        permissions: [],
        idleLockMinutes: 5,
      });
      const credential = device.lastSetCookies.find((line) => line.startsWith('smartket_device='));
      expect(credential).toMatch(/HttpOnly/i);
      expect(credential).toMatch(/SameSite=Lax/i);
      expect(credential).toContain(`smartket_device=${owner.tenantId}.${paired.body.device.id}.`);

      const again = await new DeviceClient(server.url).post<ErrorBody>('/api/device/pair', {
        code: code.code,
      });
      expect([again.status, again.body.error.code]).toEqual([409, 'PAIRING_CODE_USED']);

      const [entry] = await auditLog(server, owner.tenantId, 'devices.paired');
      expect(entry).toMatchObject({
        actor_kind: 'user',
        actor_id: owner.me.user.id,
        actor_name: owner.displayName,
        device_id: paired.body.device.id,
        device_name: 'Caja 1',
        branch_id: branchId,
        entity_type: 'device',
        entity_id: paired.body.device.id,
      });
      const listed = expectStatus(await owner.client.get<DeviceView[]>('/api/tenant/devices'), 200);
      expect(listed).toEqual([
        {
          id: paired.body.device.id,
          name: 'Caja 1',
          kind: 'cash_desk',
          branchId,
          branchName: 'Local Central',
          pairedAt: clock.now().toISOString(),
          lastSeenAt: clock.now().toISOString(),
          revokedAt: null,
          signedInStaffName: null,
        },
      ]);
    });

    it('marks the device credential Secure anywhere but on a developer’s own machine', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const code = expectStatus(await newCode(owner, { branchId }), 201);
      const device = new DeviceClient(server.url);
      const paired = await device.post(
        '/api/device/pair',
        { code: code.code },
        {
          host: 'pio.smartket.pe',
          origin: 'https://pio.smartket.pe',
        },
      );
      expect(paired.status).toBe(201);
      const credential = device.lastSetCookies.find((line) => line.startsWith('smartket_device='));
      expect(credential).toMatch(/; Secure/i);
      expect(credential).toMatch(/HttpOnly/i);
      expect(credential).not.toMatch(/Domain=/i);
    });

    it('pairs one device only when two use the same code at once', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const code = expectStatus(await newCode(owner, { branchId }), 201);
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          new DeviceClient(server.url).post<ErrorBody>('/api/device/pair', { code: code.code }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
      expect(expectStatus(await owner.client.get<DeviceView[]>('/api/tenant/devices'), 200)).toHaveLength(1);
    });

    it('refuses unknown and expired codes, and codes of a branch closed since', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const device = new DeviceClient(server.url);
      const unknown = await device.post<ErrorBody>('/api/device/pair', { code: 'ABCD-EFGH' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PAIRING_CODE_INVALID']);
      const malformed = await device.post<ErrorBody>('/api/device/pair', { code: 'ABC' });
      expect(malformed.status).toBe(422);

      const expiring = expectStatus(await newCode(owner, { branchId }), 201);
      clock.advance(PAIRING_CODE_MINUTES * MINUTE);
      const expired = await device.post<ErrorBody>('/api/device/pair', { code: expiring.code });
      expect([expired.status, expired.body.error.code]).toEqual([410, 'PAIRING_CODE_EXPIRED']);

      const orphan = expectStatus(await newCode(owner, { branchId }), 201);
      await owner.client.patch(`/api/tenant/branches/${branchId}`, { active: false });
      const closed = await device.post<ErrorBody>('/api/device/pair', { code: orphan.code });
      expect([closed.status, closed.body.error.code]).toEqual([409, 'PAIRING_CODE_INVALID']);
      expect(device.jar.size).toBe(0);
      expect(await owner.client.get<DeviceView[]>('/api/tenant/devices')).toMatchObject({ body: [] });

      const noBranch = await newCode(owner, { branchId });
      expect(noBranch.status).toBe(422);
      expect(ErrorBody.parse(noBranch.body).error.fields?.branchId?.code).toBe('unknown_reference');
      const foreign = await newCode(owner, { branchId: UNKNOWN_ID });
      expect(foreign.status).toBe(422);
    });
  });

  describe('revoking', () => {
    it('refuses the device from its next request, tells its socket and keeps it from reconnecting', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
      const { client: phone, session } = await pairDevice(server, owner, { branchId });
      await signIn(phone, waiter.id);
      const socket = openSocket(server, phone.cookieHeader());
      expect(await socketOutcome(socket)).toBe('connected');
      const told = nextEvent(socket, 'devices.revoked');
      const gone = disconnected(socket);
      const cookies = phone.cookieHeader();

      const revoked = await owner.client.post<DeviceView>(`/api/tenant/devices/${session.device.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ revokedAt: clock.now().toISOString(), signedInStaffName: null });
      expect(await told).toEqual({ deviceId: session.device.id });
      await gone;
      socket.close();

      const refused = await phone.get<ErrorBody>('/api/tenant');
      expect([refused.status, refused.body.error.code]).toEqual([401, 'DEVICE_REVOKED']);
      expect(phone.jar.size).toBe(0);
      const retry = openSocket(server, cookies);
      expect(await socketOutcome(retry)).toBe('DEVICE_REVOKED');
      retry.close();

      const twice = await owner.client.post<DeviceView>(`/api/tenant/devices/${session.device.id}/revoke`);
      expect(twice.body).toEqual(revoked.body);
      expect(await auditLog(server, owner.tenantId, 'devices.revoked')).toEqual([
        expect.objectContaining({
          actor_name: owner.displayName,
          entity_id: session.device.id,
          branch_id: branchId,
        }),
      ]);
      const withBody = await owner.client.post<ErrorBody>(`/api/tenant/devices/${session.device.id}/revoke`, {
        force: true,
      });
      expect(withBody.status).toBe(422);
    });

    it('lists devices in use first, says who is signed in, renames them, and keeps another business out', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
      const first = await pairDevice(server, owner, { branchId, name: 'Celular 1' });
      clock.advance(MINUTE);
      const second = await pairDevice(server, owner, { branchId, name: 'Celular 2' });
      clock.advance(MINUTE);
      const third = await pairDevice(server, owner, { branchId, name: 'Celular 3' });
      await signIn(third.client, waiter.id);
      await owner.client.post(`/api/tenant/devices/${second.session.device.id}/revoke`);

      const renamed = await owner.client.patch<DeviceView>(`/api/tenant/devices/${first.session.device.id}`, {
        name: 'Celular de la terraza',
      });
      expect(renamed.body.name).toBe('Celular de la terraza');
      const listed = expectStatus(await owner.client.get<DeviceView[]>('/api/tenant/devices'), 200);
      expect(
        listed.map((device) => [device.name, device.signedInStaffName, Boolean(device.revokedAt)]),
      ).toEqual([
        ['Celular 3', 'Rosa Quispe', false],
        ['Celular de la terraza', null, false],
        ['Celular 2', null, true],
      ]);
      expect(await auditLog(server, owner.tenantId, 'devices.renamed')).toEqual([
        expect.objectContaining({ before: { name: 'Celular 1' }, after: { name: 'Celular de la terraza' } }),
      ]);
      expect((await first.client.get<DeviceSessionView>('/api/device')).body.device.name).toBe(
        'Celular de la terraza',
      );

      const other = await buildTenant(server);
      const id = first.session.device.id;
      expect((await other.client.patch(`/api/tenant/devices/${id}`, { name: 'Mío' })).status).toBe(404);
      expect((await other.client.post(`/api/tenant/devices/${id}/revoke`)).status).toBe(404);
      expect((await other.client.get<DeviceView[]>('/api/tenant/devices')).body).toEqual([]);
      expect((await first.client.get('/api/device')).status).toBe(200);
    });
  });

  describe('on the device', () => {
    it('takes pairing, PIN sign-in and sign-out only from the app’s own pages', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
      const code = expectStatus(await newCode(owner, { branchId }), 201);
      const foreign = { origin: 'https://promo-pollos.example' };

      const browser = new DeviceClient(server.url);
      const pairing = await browser.post<ErrorBody>('/api/device/pair', { code: code.code }, foreign);
      expect([pairing.status, pairing.body.error.code]).toEqual([403, 'FOREIGN_ORIGIN']);
      expect(browser.jar.size).toBe(0);
      // The refused attempt did not use the code up.
      expectStatus(await browser.post('/api/device/pair', { code: code.code }), 201);

      const signIn = await browser.post<ErrorBody>(
        '/api/device/sign-in',
        { staffId: waiter.id, pin: '2580' },
        foreign,
      );
      expect([signIn.status, signIn.body.error.code]).toEqual([403, 'FOREIGN_ORIGIN']);
      browser.origin = undefined;
      const unsigned = await browser.post<ErrorBody>('/api/device/sign-in', {
        staffId: waiter.id,
        pin: '2580',
      });
      expect([unsigned.status, unsigned.body.error.code]).toEqual([403, 'FOREIGN_ORIGIN']);
      const signOut = await browser.post<ErrorBody>('/api/device/sign-out', undefined, foreign);
      expect([signOut.status, signOut.body.error.code]).toEqual([403, 'FOREIGN_ORIGIN']);
      expect(await auditLog(server, owner.tenantId, 'auth.pin_signed_in')).toEqual([]);
    });

    it('runs a kitchen screen without PIN, in its branch’s kitchen room', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const { client: screen, session } = await pairDevice(server, owner, {
        branchId,
        kind: 'kitchen_screen',
        name: 'Pantalla brasa',
      });
      expect(session.permissions).toEqual(expect.arrayContaining(['kitchen.view']));
      for (let request = 0; request < 3; request += 1) {
        const current = expectStatus(await screen.get<CurrentTenantView>('/api/tenant'), 200);
        expect(current.actor).toEqual({
          kind: 'device',
          id: session.device.id,
          name: 'Pantalla brasa',
          role: 'kitchen',
          branchId,
          deviceId: session.device.id,
        });
        clock.advance(10 * MINUTE);
      }
      expect((await screen.get('/api/tenant/devices')).status).toBe(403);
      const picks = await screen.get<ErrorBody>('/api/device/staff');
      expect([picks.status, picks.body.error.code]).toEqual([409, 'CONFLICT']);
      const cook = await buildStaff(owner, { name: 'Julio Pari', role: 'kitchen', branchIds: [branchId] });
      const signIn = await screen.post<ErrorBody>('/api/device/sign-in', { staffId: cook.id, pin: '2580' });
      expect([signIn.status, signIn.body.error.code]).toEqual([409, 'CONFLICT']);

      const socket = openSocket(server, screen.cookieHeader());
      expect(await socketOutcome(socket)).toBe('connected');
      const inKitchen = await server.io.in(rooms.kitchen(owner.tenantId, branchId)).fetchSockets();
      const inBranch = await server.io.in(rooms.branch(owner.tenantId, branchId)).fetchSockets();
      expect([inKitchen.length, inBranch.length]).toEqual([1, 0]);
      socket.close();
    });

    it('asks a shared phone for a PIN before any tenant request, and slides its credential', async () => {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const { client: phone } = await pairDevice(server, owner, { branchId });
      const refused = await phone.get<ErrorBody>('/api/tenant/branches');
      expect([refused.status, refused.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);
      expect(phone.jar.has('smartket_device')).toBe(true);

      clock.advance(30 * 24 * 60 * MINUTE);
      const own = expectStatus(await phone.get<DeviceSessionView>('/api/device'), 200);
      expect([own.staff, own.permissions]).toEqual([null, []]);
      const resent = phone.lastSetCookies.find((line) => line.startsWith('smartket_device='));
      const expires = new Date(/Expires=([^;]+)/i.exec(resent ?? '')?.[1] ?? 0);
      expect(expires.getTime()).toBeGreaterThan(clock.now().getTime() + 399 * 24 * 60 * MINUTE);

      // A socket on a phone nobody signed in on joins its device room only.
      const socket = openSocket(server, phone.cookieHeader());
      expect(await socketOutcome(socket)).toBe('connected');
      expect(await server.io.in(rooms.device(owner.tenantId, own.device.id)).fetchSockets()).toHaveLength(1);
      expect(await server.io.in(rooms.branch(owner.tenantId, branchId)).fetchSockets()).toHaveLength(0);
      socket.close();

      const forged = openSocket(server, `smartket_device=${owner.tenantId}.${own.device.id}.forged`);
      expect(await socketOutcome(forged)).toBe('DEVICE_NOT_PAIRED');
      forged.close();
      const stranger = await new DeviceClient(server.url).get<ErrorBody>('/api/device');
      expect([stranger.status, stranger.body.error.code]).toEqual([401, 'DEVICE_NOT_PAIRED']);
    });
  });
});
