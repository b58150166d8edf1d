import type {
  CurrentTenantView,
  DeviceSessionView,
  ErrorBody,
  StaffPickView,
  StaffView,
} from '@smartket/shared';
import { rooms } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { IDLE_GRACE_MS } from '../src/modules/devices/device-credentials.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import {
  auditLog,
  buildBranch,
  buildStaff,
  disconnected,
  expectStatus,
  nextEvent,
  openSocket,
  pairDevice,
  restartTestServer,
  signIn,
  socketOutcome,
  type DeviceClient,
} from './actors.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import { startTestServer, type ApiResponse, type TestServer } from './test-server.ts';

const MINUTE = 60_000;
const PIN = '2580';
const WRONG = '1357';

describe('PIN sign-in on a paired device', () => {
  let server: TestServer;
  // Each test moves the clock only forward from wherever it is, so their order does not matter.
  const clock = new ManualClock(new Date('2026-11-06T23:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  /** A business with one branch, a waiter of that branch and a shared phone paired to it. */
  async function waiterOnPhone(): Promise<{
    owner: BuiltOwner;
    branchId: string;
    waiter: StaffView;
    phone: DeviceClient;
  }> {
    const owner = await buildTenant(server);
    const branchId = await buildBranch(server, owner);
    const waiter = await buildStaff(owner, { name: 'Rosa Quispe', role: 'waiter', branchIds: [branchId] });
    const { client: phone } = await pairDevice(server, owner, { branchId });
    return { owner, branchId, waiter, phone };
  }

  function tryPin(phone: DeviceClient, staffId: string, pin: string) {
    return phone.post<ErrorBody>('/api/device/sign-in', { staffId, pin });
  }

  it('signs a waiter in with an HttpOnly cookie: they act on the device’s branch with their role', async () => {
    const { owner, branchId, waiter, phone } = await waiterOnPhone();
    const before = await phone.get<ErrorBody>('/api/tenant');
    expect([before.status, before.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);

    const signedIn = await phone.post<DeviceSessionView>('/api/device/sign-in', {
      staffId: waiter.id,
      pin: PIN,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.staff).toEqual({ id: waiter.id, name: 'Rosa Quispe', role: 'waiter' });
    expect(signedIn.body.permissions).toEqual(expect.arrayContaining(['orders.create', 'menu.view']));
    expect(signedIn.body.permissions).not.toContain('payments.charge');
    const staffCookie = phone.lastSetCookies.find((line) => line.startsWith('smartket_staff='));
    expect(staffCookie).toMatch(/HttpOnly/i);
    expect(staffCookie).toMatch(/SameSite=Lax/i);

    const current = expectStatus(await phone.get<CurrentTenantView>('/api/tenant'), 200);
    expect(current.actor).toMatchObject({ kind: 'staff', id: waiter.id, role: 'waiter', branchId });
    expect(current.role).toBe('waiter');
    // Staff management stays with owners and admins.
    expect((await phone.get('/api/tenant/staff')).status).toBe(403);

    const staff = expectStatus(await owner.client.get<StaffView[]>('/api/tenant/staff'), 200);
    expect(staff[0]?.lastSignInAt).toBe(clock.now().toISOString());
    const [entry] = await auditLog(server, owner.tenantId, 'auth.pin_signed_in');
    expect(entry).toMatchObject({
      actor_kind: 'staff',
      actor_id: waiter.id,
      actor_name: 'Rosa Quispe',
      device_id: current.actor.deviceId,
      device_name: 'Celular de salón',
      branch_id: branchId,
    });
  });

  it('lists the branch’s active staff by name on the PIN screen, with lockouts on this device', async () => {
    const { owner, branchId, waiter, phone } = await waiterOnPhone();
    const cashier = await buildStaff(owner, {
      name: 'Ángel Huamán',
      role: 'cashier',
      branchIds: [branchId],
    });
    const gone = await buildStaff(owner, { name: 'Beto Salas', branchIds: [branchId] });
    await owner.client.patch(`/api/tenant/staff/${gone.id}`, { active: false });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await tryPin(phone, cashier.id, WRONG);
    }
    const picks = expectStatus(await phone.get<StaffPickView[]>('/api/device/staff'), 200);
    expect(picks).toEqual([
      {
        id: cashier.id,
        name: 'Ángel Huamán',
        role: 'cashier',
        lockedUntil: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
      },
      { id: waiter.id, name: 'Rosa Quispe', role: 'waiter', lockedUntil: null },
    ]);
  });

  it('counts wrong PINs down, locks the fifth for 5 minutes, then 15, and audits every lockout', async () => {
    const { owner, waiter, phone } = await waiterOnPhone();
    const left: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await tryPin(phone, waiter.id, WRONG);
      expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_PIN']);
      left.push(wrong.body.error.details?.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);

    const fifth = await tryPin(phone, waiter.id, WRONG);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('300');
    const lockedUntil = new Date(clock.now().getTime() + 5 * MINUTE).toISOString();
    expect(fifth.body.error).toMatchObject({
      code: 'PIN_LOCKED',
      details: { lockedUntil, retryAfterSeconds: 300 },
    });

    // The right PIN is refused too while the lockout lasts, and it is not an attempt.
    clock.advance(4 * MINUTE);
    const right = await tryPin(phone, waiter.id, PIN);
    expect([right.status, right.body.error.code, right.headers.get('retry-after')]).toEqual([
      429,
      'PIN_LOCKED',
      '60',
    ]);
    const listed = expectStatus(await owner.client.get<StaffView[]>('/api/tenant/staff'), 200);
    expect(listed[0]?.lockedUntil).toBe(lockedUntil);

    // Five minutes on: five more wrong PINs lock for 15.
    clock.advance(MINUTE);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await tryPin(phone, waiter.id, WRONG)).status).toBe(401);
    }
    const again = await tryPin(phone, waiter.id, WRONG);
    expect([again.status, again.headers.get('retry-after')]).toEqual([429, '900']);

    const lockouts = await auditLog(server, owner.tenantId, 'auth.pin_locked_out');
    expect(lockouts).toHaveLength(2);
    expect(lockouts.map((entry) => entry.after?.lockouts)).toEqual([1, 2]);
    expect(lockouts[0]).toMatchObject({ actor_kind: 'staff', actor_id: waiter.id, entity_id: waiter.id });
    expect(JSON.stringify(lockouts)).not.toContain(WRONG);

    // After the lockout the right PIN signs in, and the count starts again from zero.
    clock.advance(15 * MINUTE);
    await signIn(phone, waiter.id);
    const fresh = await tryPin(phone, waiter.id, WRONG);
    expect([fresh.status, fresh.body.error.details?.attemptsLeft]).toEqual([401, 4]);
    expect((await owner.client.get<StaffView[]>('/api/tenant/staff')).body[0]?.lockedUntil).toBeNull();
  });

  it('counts every one of six wrong PINs sent at the same moment', async () => {
    const { owner, waiter, phone } = await waiterOnPhone();
    const answers = await Promise.all(Array.from({ length: 6 }, () => tryPin(phone, waiter.id, WRONG)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const left = answers
      .filter((answer) => answer.status === 401)
      .map((answer) => answer.body.error.details?.attemptsLeft)
      .sort();
    expect(left).toEqual([1, 2, 3, 4]);
    expect(await auditLog(server, owner.tenantId, 'auth.pin_locked_out')).toHaveLength(1);
    expect((await tryPin(phone, waiter.id, PIN)).status).toBe(429);
  });

  it('keeps a lockout across a server restart', async () => {
    const restartClock = new ManualClock(clock.now());
    let own = await startTestServer({ overrides: { clock: restartClock } });
    try {
      const owner = await buildTenant(own);
      const branchId = await buildBranch(server, owner);
      const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
      const { client: phone } = await pairDevice(own, owner, { branchId });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await tryPin(phone, waiter.id, WRONG);
      }
      restartClock.advance(MINUTE);

      own = await restartTestServer(own, { clock: restartClock });
      const samePhone = phone.movedTo(own);
      const refused = await tryPin(samePhone, waiter.id, PIN);
      expect([refused.status, refused.body.error.code, refused.headers.get('retry-after')]).toEqual([
        429,
        'PIN_LOCKED',
        '240',
      ]);
      restartClock.advance(4 * MINUTE);
      await signIn(samePhone, waiter.id);
    } finally {
      await own.close();
    }
  });

  /**
   * Starts a PIN sign-in and holds it on the person's lockout row on this device (as a parallel
   * attempt would), makes the owner's `change` meanwhile, then lets the sign-in go on.
   */
  async function duringSignIn(
    owner: BuiltOwner,
    phone: DeviceClient,
    staffId: string,
    change: () => Promise<ApiResponse>,
  ): Promise<{ signIn: ApiResponse; change: ApiResponse }> {
    const deviceId = expectStatus(await phone.get<DeviceSessionView>('/api/device'), 200).device.id;
    return withTenantSql(server, owner.tenantId, async (sql) => {
      const row = [staffId, deviceId];
      await sql.query('insert into pin_lockouts (staff_id, device_id) values ($1, $2)', row);
      await sql.query('begin');
      await sql.query('select 1 from pin_lockouts where staff_id = $1 and device_id = $2 for update', row);
      const signingIn = tryPin(phone, staffId, PIN);
      await lockWaiters(sql, 1);
      const changing = change();
      // The change either queues behind the sign-in under way, or is already done.
      const queued = lockWaiters(sql, 2);
      queued.catch(() => undefined);
      await Promise.race([changing, queued]);
      await sql.query('commit');
      return { signIn: await signingIn, change: await changing };
    });
  }

  it('signs one person in on two devices at the same moment, double tap included', async () => {
    const { owner, branchId, waiter, phone } = await waiterOnPhone();
    const { client: cashDesk } = await pairDevice(server, owner, {
      branchId,
      kind: 'cash_desk',
      name: 'Caja 1',
    });
    const answers = await Promise.all([
      tryPin(phone, waiter.id, PIN),
      tryPin(phone, waiter.id, PIN),
      tryPin(cashDesk, waiter.id, PIN),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await cashDesk.get('/api/tenant')).status).toBe(200);
  });

  it('ends a sign-in made while the owner took the person off the device’s branch', async () => {
    const owner = await buildTenant(server);
    const centro = await buildBranch(server, owner, 'Local Centro');
    const miraflores = await buildBranch(server, owner, 'Local Miraflores');
    const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [centro, miraflores] });
    const { client: phone } = await pairDevice(server, owner, { branchId: centro });

    const raced = await duringSignIn(owner, phone, waiter.id, () =>
      owner.client.patch(`/api/tenant/staff/${waiter.id}`, { branchIds: [miraflores] }),
    );
    expect([raced.signIn.status, raced.change.status]).toEqual([200, 200]);
    const after = await phone.get<ErrorBody>('/api/tenant/branches');
    expect([after.status, after.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);
  });

  it('leaves no sign-in behind on a device unpaired while a PIN was being checked', async () => {
    const { owner, waiter, phone } = await waiterOnPhone();
    const deviceId = expectStatus(await phone.get<DeviceSessionView>('/api/device'), 200).device.id;
    const raced = await duringSignIn(owner, phone, waiter.id, () =>
      owner.client.post(`/api/tenant/devices/${deviceId}/revoke`),
    );
    expect(raced.change.status).toBe(200);
    const sessions = await withTenantSql(server, owner.tenantId, (sql) =>
      sql.query('select id from staff_sessions where device_id = $1', [deviceId]),
    );
    expect(sessions.rows).toEqual([]);
  });

  it('refuses staff who do not work in the device’s branch, inactive staff and unknown ids alike (404)', async () => {
    const owner = await buildTenant(server);
    const centro = await buildBranch(server, owner, 'Local Centro');
    const miraflores = await buildBranch(server, owner, 'Local Miraflores');
    const elsewhere = await buildStaff(owner, { name: 'Luis Rojas', branchIds: [miraflores] });
    const both = await buildStaff(owner, { name: 'Carmen Díaz', branchIds: [centro, miraflores] });
    const gone = await buildStaff(owner, { name: 'Beto Salas', branchIds: [centro] });
    await owner.client.patch(`/api/tenant/staff/${gone.id}`, { active: false });
    const { client: phone } = await pairDevice(server, owner, { branchId: centro });

    const other = await buildTenant(server);
    const otherBranch = await buildBranch(server, other);
    const stranger = await buildStaff(other, { name: 'Rosa Quispe', branchIds: [otherBranch] });

    for (const staffId of [elsewhere.id, gone.id, stranger.id, '0b7c1d4e-8f2a-4c3b-9d5e-6f7a8b9c0d1e']) {
      const refused = await tryPin(phone, staffId, PIN);
      expect([refused.status, refused.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    const picks = expectStatus(await phone.get<StaffPickView[]>('/api/device/staff'), 200);
    expect(picks.map((pick) => pick.name)).toEqual(['Carmen Díaz']);
    const session = await signIn(phone, both.id);
    expect(session.device.branchId).toBe(centro);
  });

  it('validates the PIN’s shape before anything else', async () => {
    const { waiter, phone } = await waiterOnPhone();
    const malformed = await tryPin(phone, waiter.id, '12a4');
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.fields?.pin?.code).toBe('pin_format');
    // A malformed PIN is not a wrong one: nothing was counted.
    expect((await tryPin(phone, waiter.id, WRONG)).body.error.details?.attemptsLeft).toBe(4);
  });

  it('signs out on request: the cookie is cleared, the device asks for a PIN, its socket is told', async () => {
    const { waiter, phone } = await waiterOnPhone();
    await signIn(phone, waiter.id);
    const socket = openSocket(server, phone.cookieHeader());
    expect(await socketOutcome(socket)).toBe('connected');
    const ended = nextEvent(socket, 'staff_sessions.ended');
    const gone = disconnected(socket);

    expect((await phone.post('/api/device/sign-out')).status).toBe(204);
    expect(phone.jar.has('smartket_staff')).toBe(false);
    expect(await ended).toEqual({ reason: 'signed_out' });
    await gone;
    socket.close();
    const after = await phone.get<ErrorBody>('/api/tenant');
    expect([after.status, after.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);
    expect(expectStatus(await phone.get<DeviceSessionView>('/api/device'), 200).staff).toBeNull();
  });

  it('puts a signed-in socket in its branch’s rooms by role; the next person takes over the device', async () => {
    const { owner, branchId, waiter, phone } = await waiterOnPhone();
    const cook = await buildStaff(owner, { name: 'Julio Pari', role: 'kitchen', branchIds: [branchId] });
    await signIn(phone, waiter.id);
    const socket = openSocket(server, phone.cookieHeader());
    expect(await socketOutcome(socket)).toBe('connected');
    const tenantId = owner.tenantId;
    const [inBranch, inKitchen] = await Promise.all([
      server.io.in(rooms.branch(tenantId, branchId)).fetchSockets(),
      server.io.in(rooms.kitchen(tenantId, branchId)).fetchSockets(),
    ]);
    expect([inBranch.length, inKitchen.length]).toEqual([1, 0]);

    const ended = nextEvent(socket, 'staff_sessions.ended');
    const gone = disconnected(socket);
    const session = await signIn(phone, cook.id);
    expect(session.staff?.id).toBe(cook.id);
    expect(await ended).toEqual({ reason: 'signed_out' });
    await gone;
    socket.close();

    const cookSocket = openSocket(server, phone.cookieHeader());
    expect(await socketOutcome(cookSocket)).toBe('connected');
    const [branchNow, kitchenNow] = await Promise.all([
      server.io.in(rooms.branch(tenantId, branchId)).fetchSockets(),
      server.io.in(rooms.kitchen(tenantId, branchId)).fetchSockets(),
    ]);
    expect([branchNow.length, kitchenNow.length]).toEqual([0, 1]);
    cookSocket.close();
  });

  it('locks a device left idle longer than the idle lock, and keeps it while in use', async () => {
    const { owner, waiter, phone } = await waiterOnPhone();
    expect((await owner.client.put('/api/tenant/staff/settings', { idleLockMinutes: 3 })).status).toBe(200);
    const session = await signIn(phone, waiter.id);
    expect(session.idleLockMinutes).toBe(3);

    // Used every two minutes for ten minutes: still signed in.
    for (let step = 0; step < 5; step += 1) {
      clock.advance(2 * MINUTE);
      expect((await phone.get('/api/tenant')).status).toBe(200);
    }
    clock.advance(3 * MINUTE + IDLE_GRACE_MS + 1000);
    const idle = await phone.get<ErrorBody>('/api/tenant');
    expect([idle.status, idle.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);
    expect(phone.jar.has('smartket_staff')).toBe(false);
  });
});
