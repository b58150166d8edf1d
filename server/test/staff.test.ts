import type { ErrorBody, StaffSettings, StaffView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import {
  auditLog,
  buildOwnerWithBranch,
  buildStaff,
  disconnected,
  expectStatus,
  nextEvent,
  openSocket,
  pairDevice,
  signIn,
  socketOutcome,
  type DeviceClient,
} from './actors.ts';
import { withTenantSql } from './tenant-sql.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const UNKNOWN_ID = '0b7c1d4e-8f2a-4c3b-9d5e-6f7a8b9c0d1e';
const PIN = '2580';

describe('staff', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-11-06T15:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  async function staffOf(owner: BuiltOwner): Promise<StaffView[]> {
    return expectStatus(await owner.client.get<StaffView[]>('/api/tenant/staff'), 200);
  }

  it('adds staff with a hashed PIN that never comes back, and audits who added them', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const created = await owner.client.post<StaffView>('/api/tenant/staff', {
      name: '  Rosa   Quispe ',
      role: 'cashier',
      branchIds: [branchId, branchId],
      pin: '482915',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Rosa Quispe',
      role: 'cashier',
      branchIds: [branchId],
      active: true,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: clock.now().toISOString(),
    });
    await buildStaff(owner, { name: 'Ángel Huamán', branchIds: [branchId] });
    const listed = await staffOf(owner);
    expect(listed.map((person) => person.name)).toEqual(['Ángel Huamán', 'Rosa Quispe']);
    expect(JSON.stringify(listed)).not.toMatch(/482915|pin/i);

    const stored = await withTenantSql(server, owner.tenantId, (client) =>
      client.query<{ pin_hash: string }>('select pin_hash from staff where id = $1', [created.body.id]),
    );
    expect(stored.rows[0]?.pin_hash).toMatch(/^\$argon2id\$/);

    const [entry] = await auditLog(server, owner.tenantId, 'staff.created');
    expect(entry).toMatchObject({
      actor_kind: 'user',
      actor_id: owner.me.user.id,
      actor_name: owner.displayName,
      entity_type: 'staff',
      entity_id: created.body.id,
      entity_label: 'Rosa Quispe',
      before: null,
      after: { name: 'Rosa Quispe', role: 'cashier', branchIds: [branchId] },
    });
    expect(JSON.stringify(await auditLog(server, owner.tenantId))).not.toContain('482915');
  });

  it('refuses a malformed or guessable PIN, a taken name and unknown branches, writing nothing', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
    const post = (body: Record<string, unknown>) =>
      owner.client.post<ErrorBody>('/api/tenant/staff', {
        name: 'Luis Rojas',
        role: 'waiter',
        branchIds: [branchId],
        pin: PIN,
        ...body,
      });
    const fieldCode = async (body: Record<string, unknown>, field: string) => {
      const answer = await post(body);
      expect([answer.status, answer.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
      return answer.body.error.fields?.[field]?.code;
    };

    for (const pin of ['123', '1234567', '12a4', ' 2580']) {
      expect(await fieldCode({ pin }, 'pin')).toBe('pin_format');
    }
    for (const pin of ['1111', '1234', '9876', '456789', '000000']) {
      expect(await fieldCode({ pin }, 'pin')).toBe('pin_too_simple');
    }
    expect(await fieldCode({ name: '  rosa  QUISPE ' }, 'name')).toBe('taken');
    expect(await fieldCode({ branchIds: [UNKNOWN_ID] }, 'branchIds')).toBe('unknown_reference');
    expect(await fieldCode({ branchIds: [] }, 'branchIds')).toBe('too_short');
    expect(await fieldCode({ role: 'owner' }, 'role')).toBe('invalid_value');

    const both = await post({ name: 'Rosa Quispe', branchIds: [branchId, UNKNOWN_ID] });
    expect(Object.keys(both.body.error.fields ?? {}).sort()).toEqual(['branchIds', 'name']);

    // A closed branch cannot take new staff either.
    await owner.client.patch(`/api/tenant/branches/${branchId}`, { active: false });
    expect(await fieldCode({}, 'branchIds')).toBe('unknown_reference');

    expect((await staffOf(owner)).map((person) => person.name)).toEqual(['Rosa Quispe']);
    expect(await auditLog(server, owner.tenantId, 'staff.created')).toHaveLength(1);
  });

  it('holds a trial to 15 active staff, counting reactivations; a former name can be reused', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const team: StaffView[] = [];
    for (let index = 1; index <= 15; index += 1) {
      team.push(await buildStaff(owner, { name: `Mozo ${index}`, branchIds: [branchId] }));
    }
    const sixteenth = await owner.client.post<ErrorBody>('/api/tenant/staff', {
      name: 'Mozo 16',
      role: 'waiter',
      branchIds: [branchId],
      pin: PIN,
    });
    expect(sixteenth.status).toBe(403);
    expect(sixteenth.body.error).toMatchObject({
      code: 'PLAN_LIMIT_REACHED',
      details: { limit: 'staff', max: 15, current: 15, plan: 'trial' },
    });

    const [first, second] = [team[0]!, team[1]!];
    const off = await owner.client.patch<StaffView>(`/api/tenant/staff/${first.id}`, { active: false });
    expect(off.body.active).toBe(false);
    // The place and the name are free again.
    const namesake = await buildStaff(owner, { name: 'Mozo 1', branchIds: [branchId] });

    await owner.client.patch(`/api/tenant/staff/${second.id}`, { active: false });
    const sixteen = await buildStaff(owner, { name: 'Mozo 16', branchIds: [branchId] });
    const back = await owner.client.patch<ErrorBody>(`/api/tenant/staff/${second.id}`, { active: true });
    expect([back.status, back.body.error.code]).toEqual([403, 'PLAN_LIMIT_REACHED']);

    await owner.client.patch(`/api/tenant/staff/${sixteen.id}`, { active: false });
    const taken = await owner.client.patch<ErrorBody>(`/api/tenant/staff/${first.id}`, { active: true });
    expect([taken.status, taken.body.error.fields?.name?.code]).toEqual([422, 'taken']);
    const renamedBack = await owner.client.patch<StaffView>(`/api/tenant/staff/${first.id}`, {
      active: true,
      name: 'Mozo Uno',
    });
    expect(renamedBack.status).toBe(200);
    expect(renamedBack.body).toMatchObject({ name: 'Mozo Uno', active: true });

    const listed = await staffOf(owner);
    expect(listed.filter((person) => person.active)).toHaveLength(15);
    // Active first; each group by name, numbers in order ("Mozo 2" before "Mozo 16").
    expect(listed.slice(0, 3).map((person) => person.name)).toEqual(['Mozo 1', 'Mozo 3', 'Mozo 4']);
    expect(listed.filter((person) => !person.active).map((person) => person.name)).toEqual([
      'Mozo 2',
      'Mozo 16',
    ]);
    expect(listed.find((person) => person.id === namesake.id)?.active).toBe(true);
    const [reactivated] = await auditLog(server, owner.tenantId, 'staff.reactivated');
    expect(reactivated).toMatchObject({
      before: { name: 'Mozo 1', active: false },
      after: { name: 'Mozo Uno', active: true },
    });
  });

  it('adds one of two people with the same name sent at the same moment', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const answers = await Promise.all(
      ['Rosa Quispe', 'rosa quispe', 'ROSA  QUISPE'].map((name) =>
        owner.client.post<ErrorBody>('/api/tenant/staff', {
          name,
          role: 'waiter',
          branchIds: [branchId],
          pin: PIN,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422, 422]);
    for (const refused of answers.filter((answer) => answer.status === 422)) {
      expect(refused.body.error.fields?.name?.code).toBe('taken');
    }
    expect(await staffOf(owner)).toHaveLength(1);
  });

  it('audits only the fields that changed, and a change to nothing is no change', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const rosa = await buildStaff(owner, { name: 'Rosa Quispe', role: 'waiter', branchIds: [branchId] });
    const renamed = await owner.client.patch<StaffView>(`/api/tenant/staff/${rosa.id}`, {
      name: 'Rosa Q.',
      role: 'waiter',
      branchIds: [branchId],
    });
    expect(renamed.body).toMatchObject({ name: 'Rosa Q.', role: 'waiter', branchIds: [branchId] });
    const same = await owner.client.patch<StaffView>(`/api/tenant/staff/${rosa.id}`, { name: ' Rosa  Q. ' });
    expect(same.status).toBe(200);
    expect(await auditLog(server, owner.tenantId, 'staff.updated')).toEqual([
      expect.objectContaining({ before: { name: 'Rosa Quispe' }, after: { name: 'Rosa Q.' } }),
    ]);

    const unknown = await owner.client.patch<ErrorBody>(`/api/tenant/staff/${UNKNOWN_ID}`, { name: 'X' });
    expect(unknown.status).toBe(404);
    const notAnId = await owner.client.patch<ErrorBody>('/api/tenant/staff/abc', { name: 'X' });
    expect(notAnId.status).toBe(404);
    const branchGone = await owner.client.patch<ErrorBody>(`/api/tenant/staff/${rosa.id}`, {
      branchIds: [UNKNOWN_ID],
    });
    expect(branchGone.body.error.fields?.branchIds?.code).toBe('unknown_reference');

    // Another business cannot see or touch this person.
    const other = await buildTenant(server);
    const foreign = await other.client.patch<ErrorBody>(`/api/tenant/staff/${rosa.id}`, { name: 'Hack' });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await other.client.put(`/api/tenant/staff/${rosa.id}/pin`, { pin: '8642' })).status).toBe(404);
    expect(await staffOf(other)).toEqual([]);
  });

  describe('signs the person out of every device when what they may do changes', () => {
    async function signedInWaiter(): Promise<{
      owner: BuiltOwner;
      branchId: string;
      waiter: StaffView;
      phone: DeviceClient;
    }> {
      const { owner, branchId } = await buildOwnerWithBranch(server);
      const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
      const { client: phone } = await pairDevice(server, owner, { branchId });
      await signIn(phone, waiter.id);
      expect((await phone.get('/api/tenant')).status).toBe(200);
      return { owner, branchId, waiter, phone };
    }

    /** Makes `change` while the phone's socket is open; answers what the socket was told. */
    async function endedBy(phone: DeviceClient, change: () => Promise<unknown>): Promise<unknown> {
      const socket = openSocket(server, phone.cookieHeader());
      expect(await socketOutcome(socket)).toBe('connected');
      const ended = nextEvent(socket, 'staff_sessions.ended');
      const gone = disconnected(socket);
      await change();
      const payload = await ended;
      await gone;
      socket.close();
      const next = await phone.get<ErrorBody>('/api/tenant');
      expect([next.status, next.body.error.code]).toEqual([401, 'STAFF_SIGN_IN_REQUIRED']);
      return payload;
    }

    it('on a role change', async () => {
      const { owner, waiter, phone } = await signedInWaiter();
      const payload = await endedBy(phone, () =>
        owner.client.patch(`/api/tenant/staff/${waiter.id}`, { role: 'cashier' }),
      );
      expect(payload).toEqual({ reason: 'changed' });
      const [entry] = await auditLog(server, owner.tenantId, 'staff.updated');
      expect(entry).toMatchObject({ before: { role: 'waiter' }, after: { role: 'cashier' } });
      // They sign in again, now as a cashier.
      expect((await signIn(phone, waiter.id)).staff?.role).toBe('cashier');
    });

    it('on deactivation, after which they cannot sign in at all', async () => {
      const { owner, waiter, phone } = await signedInWaiter();
      const payload = await endedBy(phone, () =>
        owner.client.patch(`/api/tenant/staff/${waiter.id}`, { active: false }),
      );
      expect(payload).toEqual({ reason: 'deactivated' });
      expect(await auditLog(server, owner.tenantId, 'staff.deactivated')).toEqual([
        expect.objectContaining({ before: { active: true }, after: { active: false } }),
      ]);
      const refused = await phone.post<ErrorBody>('/api/device/sign-in', { staffId: waiter.id, pin: PIN });
      expect(refused.status).toBe(404);
    });

    it('on a PIN reset, which also lifts a lockout and retires the old PIN', async () => {
      const { owner, waiter, phone } = await signedInWaiter();
      const { client: cashDesk } = await pairDevice(server, owner, {
        branchId: waiter.branchIds[0] ?? '',
        kind: 'cash_desk',
        name: 'Caja 1',
      });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await cashDesk.post('/api/device/sign-in', { staffId: waiter.id, pin: '1357' });
      }
      expect((await staffOf(owner))[0]?.lockedUntil).not.toBeNull();

      const malformed = await owner.client.put<ErrorBody>(`/api/tenant/staff/${waiter.id}/pin`, {
        pin: '4444',
      });
      expect(malformed.body.error.fields?.pin?.code).toBe('pin_too_simple');
      const payload = await endedBy(phone, async () => {
        const reset = await owner.client.put(`/api/tenant/staff/${waiter.id}/pin`, { pin: '8642' });
        expect(reset.status).toBe(204);
        expect(reset.body).toBe('');
      });
      expect(payload).toEqual({ reason: 'changed' });
      expect((await staffOf(owner))[0]?.lockedUntil).toBeNull();

      const old = await cashDesk.post<ErrorBody>('/api/device/sign-in', { staffId: waiter.id, pin: PIN });
      expect([old.status, old.body.error.code, old.body.error.details?.attemptsLeft]).toEqual([
        401,
        'INVALID_PIN',
        4,
      ]);
      await signIn(cashDesk, waiter.id, '8642');
      const [entry] = await auditLog(server, owner.tenantId, 'staff.pin_reset');
      expect(entry).toMatchObject({ entity_id: waiter.id, before: null, after: null });
      expect(JSON.stringify(await auditLog(server, owner.tenantId))).not.toMatch(/8642|2580/);
    });

    it('but not on a rename', async () => {
      const { owner, waiter, phone } = await signedInWaiter();
      await owner.client.patch(`/api/tenant/staff/${waiter.id}`, { name: 'Rosa María Quispe' });
      expect((await phone.get('/api/tenant')).status).toBe(200);
    });
  });

  it('keeps the idle lock in the staff settings, audited', async () => {
    const { owner } = await buildOwnerWithBranch(server);
    expect(expectStatus(await owner.client.get<StaffSettings>('/api/tenant/staff/settings'), 200)).toEqual({
      idleLockMinutes: 5,
    });
    const saved = await owner.client.put<StaffSettings>('/api/tenant/staff/settings', {
      idleLockMinutes: 10,
    });
    expect(saved.body).toEqual({ idleLockMinutes: 10 });
    expect((await owner.client.get<StaffSettings>('/api/tenant/staff/settings')).body).toEqual({
      idleLockMinutes: 10,
    });
    for (const idleLockMinutes of [0, 121, 2.5]) {
      const refused = await owner.client.put<ErrorBody>('/api/tenant/staff/settings', { idleLockMinutes });
      expect(refused.status).toBe(422);
    }
    expect(await auditLog(server, owner.tenantId, 'staff.settings_changed')).toEqual([
      expect.objectContaining({ before: { idleLockMinutes: 5 }, after: { idleLockMinutes: 10 } }),
    ]);
  });
});
