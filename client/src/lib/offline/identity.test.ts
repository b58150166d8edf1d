import 'fake-indexeddb/auto';
import type { DeviceSessionView, MeView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { device } from '../stores/device.svelte.ts';
import { session } from '../stores/session.svelte.ts';
import { BRANCH, TENANT } from '../testing/fixtures.ts';
import { createDb, useDb, type SmartketDb } from './db.ts';
import {
  identityWritten,
  recallIdentity,
  serverUnreachable,
  signOutOwed,
  touchIdentity,
  whoActs,
  type IdentitySources,
} from './identity.ts';

const OTHER_TENANT = '10000000-0000-4000-8000-000000000002';
const USER = '40000000-0000-4000-8000-000000000001';
const PHONE = '50000000-0000-4000-8000-000000000001';
const KITCHEN = '50000000-0000-4000-8000-000000000002';
const LUIS = { id: '30000000-0000-4000-8000-000000000001', name: 'Luis', role: 'waiter' } as const;
const ANA = { id: '30000000-0000-4000-8000-000000000002', name: 'Ana', role: 'waiter' } as const;

const T0 = new Date('2026-03-06T20:00:00.000Z');
const minutes = (count: number): Date => new Date(T0.getTime() + count * 60_000);

function tenant(id: string, businessName: string): MeView['memberships'][number]['tenant'] {
  return {
    id,
    slug: businessName.toLowerCase().replaceAll(' ', '-'),
    businessName,
    lineOfBusiness: null,
    plan: 'trial',
    status: 'active',
    trialEndsAt: '2026-03-20T00:00:00.000Z',
    trialDaysLeft: 14,
    readOnly: false,
    activeModules: [],
    setupComplete: true,
  };
}

function me(activeTenantId = TENANT): MeView {
  return {
    user: { id: USER, email: 'dueno@example.pe', displayName: null, createdAt: '2026-01-01T00:00:00.000Z' },
    memberships: [
      { role: 'owner', tenant: tenant(TENANT, 'Pollería El Trabajador') },
      { role: 'owner', tenant: tenant(OTHER_TENANT, 'Pollería La Segunda') },
    ],
    activeTenantId,
  };
}

function phone(staff: DeviceSessionView['staff'] = LUIS): DeviceSessionView {
  return {
    device: {
      id: PHONE,
      name: 'Celular del salón',
      kind: 'shared_phone',
      branchId: BRANCH,
      branchName: 'Centro',
    },
    tenant: { id: TENANT, businessName: 'Pollería El Trabajador' },
    staff,
    permissions: staff ? ['orders.view', 'orders.create'] : [],
    idleLockMinutes: 5,
  };
}

function kitchenScreen(): DeviceSessionView {
  return {
    device: {
      id: KITCHEN,
      name: 'Pantalla de cocina',
      kind: 'kitchen_screen',
      branchId: BRANCH,
      branchName: 'Centro',
    },
    tenant: { id: TENANT, businessName: 'Pollería El Trabajador' },
    staff: null,
    permissions: ['kitchen.view'],
    idleLockMinutes: 5,
  };
}

const offline = (): ApiError => new ApiError({ status: 0, code: 'network', message: 'Sin conexión' });
const unauthenticated = (): ApiError =>
  new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: 'Inicia sesión' });

/** The server as the app's opening sees it; each answer a value or an error. */
function server(answers: {
  me?: MeView | ApiError;
  device?: DeviceSessionView | ApiError;
  locked?: boolean | null;
  signOut?: ApiError;
}): IdentitySources & { signOuts: number } {
  const answer = <T>(value: T | ApiError | undefined): Promise<T> => {
    if (value === undefined) {
      return Promise.reject(offline());
    }
    return value instanceof ApiError ? Promise.reject(value) : Promise.resolve(value);
  };
  const sources = {
    signOuts: 0,
    me: () => answer(answers.me),
    device: () => answer(answers.device),
    businessLocked: () => Promise.resolve(answers.locked ?? false),
    signOut: () => {
      sources.signOuts += 1;
      return answers.signOut ? Promise.reject(answers.signOut) : Promise.resolve();
    },
  };
  return sources;
}

/** What the device keeps now, read as the app opening offline would. */
async function kept(now = T0) {
  await identityWritten();
  return recallIdentity({ now });
}

let database: SmartketDb;
let names = 0;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['Date'] });
  names += 1;
  database = createDb(`identity-test-${names}`);
  useDb(database);
  session.clear();
  device.clear();
  await identityWritten();
});

afterEach(async () => {
  await identityWritten();
  database.close();
  vi.useRealTimers();
});

describe('what the device keeps of who acts', () => {
  it('keeps each answer of the server: an owner in their active business', async () => {
    session.set(me());
    expect(await kept()).toMatchObject({
      kind: 'user',
      me: { activeTenantId: TENANT },
      savedAt: T0.toISOString(),
    });
  });

  it('keeps a phone with the waiter signed in by PIN, and a kitchen screen on its own', async () => {
    device.set(phone(), false);
    expect(await kept()).toMatchObject({ kind: 'device', device: { staff: { id: LUIS.id } } });
    device.clear();
    device.set(kitchenScreen());
    expect(await kept()).toMatchObject({ kind: 'device', device: { device: { kind: 'kitchen_screen' } } });
  });

  it('keeps nothing for a phone nobody is signed in on: offline it could not sign anyone in', async () => {
    device.set(phone(null));
    expect(await kept()).toBeNull();
  });

  it('keeps whether the business is locked, and a later lock too', async () => {
    device.set(phone(), false);
    device.businessLocked = true;
    expect(await kept()).toMatchObject({ kind: 'device', businessLocked: true });
  });

  it('keeps nothing secret: only the views the server sent', async () => {
    device.set(phone());
    await identityWritten();
    const rows = JSON.stringify(await database.identity.toArray());
    expect(rows).not.toMatch(/pin|token|cookie|secret/i);
  });

  it('replaces the business on a tenant switch', async () => {
    session.set(me(TENANT));
    session.set(me(OTHER_TENANT));
    expect(await kept()).toMatchObject({ kind: 'user', me: { activeTenantId: OTHER_TENANT } });
  });

  it('is not rewritten by showing it offline: its date stays the server’s', async () => {
    session.set(me());
    vi.setSystemTime(minutes(30));
    session.restore(me(), T0.toISOString());
    device.restore(kitchenScreen(), { businessLocked: false, savedAt: T0.toISOString() });
    expect(await kept(minutes(30))).toMatchObject({ kind: 'user', savedAt: T0.toISOString() });
  });
});

describe('forgotten whenever that identity ends here', () => {
  it('an owner signing out, or their session ended elsewhere', async () => {
    session.set(me());
    session.clear();
    expect(await kept()).toBeNull();
  });

  it('"Cambiar de usuario", the idle lock, or the server ending the PIN sign-in', async () => {
    device.set(phone());
    device.signedOut();
    expect(await kept()).toBeNull();
  });

  it('the owner unpairing the device (devices.revoked, or a 401 DEVICE_REVOKED)', async () => {
    device.set(kitchenScreen());
    device.markRevoked();
    expect(await kept()).toBeNull();
  });

  it('the device no longer paired', async () => {
    device.set(phone());
    device.clear();
    expect(await kept()).toBeNull();
  });

  it('but an owner’s sign-in does not erase a device it never was, nor the reverse', async () => {
    device.set(phone());
    session.clear();
    expect(await kept()).toMatchObject({ kind: 'device' });
    session.set(me());
    device.clear();
    expect(await kept()).toMatchObject({ kind: 'user' });
  });
});

describe('the idle lock across a restart', () => {
  it('opens a waiter’s phone within the idle time, counted from the last touch', async () => {
    device.set(phone());
    vi.setSystemTime(minutes(4));
    await touchIdentity();
    expect(await kept(minutes(8))).toMatchObject({ kind: 'device', device: { staff: { id: LUIS.id } } });
  });

  it('a phone left alone longer than the idle lock is locked: forgotten, its sign-out owed', async () => {
    device.set(phone());
    expect(await kept(minutes(6))).toBeNull();
    expect(await kept(minutes(1))).toBeNull();
    expect(await signOutOwed()).toBe(true);
  });

  it('a refresh from the server is not someone touching the screen', async () => {
    device.set(phone());
    vi.setSystemTime(minutes(4));
    device.set(phone());
    expect(await kept(minutes(6))).toBeNull();
  });

  it('someone else signing in starts their own count', async () => {
    device.set(phone());
    vi.setSystemTime(minutes(4));
    device.signedOut();
    device.set(phone(ANA));
    expect(await kept(minutes(8))).toMatchObject({ device: { staff: { id: ANA.id } } });
  });

  it('a clock set back hides how long the phone lay there: locked', async () => {
    device.set(phone());
    expect(await kept(minutes(-10))).toBeNull();
  });

  it('a sign-in older than one shift is over, touched or not', async () => {
    device.set(phone());
    const later = minutes(16 * 60 + 1);
    vi.setSystemTime(later);
    await touchIdentity();
    expect(await kept(later)).toBeNull();
  });

  it('a kitchen screen has no idle lock', async () => {
    device.set(kitchenScreen());
    expect(await kept(minutes(3 * 24 * 60))).toMatchObject({ kind: 'device' });
  });

  it('a copy from another version of the app (a changed shape) is dropped', async () => {
    await database.identity.put({
      key: 'last',
      kind: 'device',
      person: 'device:x:',
      view: { device: { id: 'not-a-uuid' } },
      businessLocked: false,
      savedAt: T0.toISOString(),
      activeAt: T0.toISOString(),
      staffSince: null,
    });
    expect(await kept()).toBeNull();
    expect(await database.identity.get('last')).toBeUndefined();
  });
});

describe('opening the app: who acts', () => {
  it('the server’s word when it answers', async () => {
    const who = await whoActs(server({ me: unauthenticated(), device: phone(), locked: true }));
    expect(who).toEqual({
      from: 'server',
      identity: { kind: 'device', device: phone(), businessLocked: true },
      signOutOwed: false,
    });
  });

  it('the device’s copy when the network fails, with when the server last confirmed it', async () => {
    session.set(me());
    vi.setSystemTime(minutes(2));
    const who = await whoActs(server({ me: offline() }));
    expect(who).toEqual({
      from: 'device',
      identity: { kind: 'user', me: me() },
      savedAt: T0.toISOString(),
      signOutOwed: false,
    });
  });

  it('the copy when the server is down or something else answers for it (a captive portal)', async () => {
    device.set(kitchenScreen());
    for (const error of [
      new ApiError({ status: 502, code: 'SERVICE_UNAVAILABLE', message: 'Caído' }),
      new ApiError({ status: 200, code: 'bad_response', message: 'No es JSON' }),
    ]) {
      expect(await whoActs(server({ me: error }))).toMatchObject({ from: 'device' });
    }
  });

  it('a waiter’s phone after the user check said nobody: only a device copy may stand in', async () => {
    device.set(phone());
    expect(await whoActs(server({ me: unauthenticated(), device: offline() }))).toMatchObject({
      from: 'device',
      identity: { kind: 'device', device: { staff: { id: LUIS.id } } },
    });
  });

  it('never the copy of a user the server just signed out (401), even if the next call fails', async () => {
    session.set(me());
    await expect(whoActs(server({ me: unauthenticated(), device: offline() }))).rejects.toMatchObject({
      code: 'network',
    });
    // …and it is gone: the next offline start has nothing to open either.
    await expect(whoActs(server({ me: offline() }))).rejects.toMatchObject({ code: 'network' });
  });

  it('never the copy of a device the server refused: unpaired, or unknown', async () => {
    device.set(phone());
    const revoked = new ApiError({ status: 401, code: 'DEVICE_REVOKED', message: 'Desvinculado' });
    expect(await whoActs(server({ me: unauthenticated(), device: revoked }))).toEqual({ refused: 'revoked' });
    await expect(whoActs(server({ me: offline() }))).rejects.toMatchObject({ code: 'network' });

    device.set(kitchenScreen());
    const unknown = new ApiError({ status: 401, code: 'DEVICE_NOT_PAIRED', message: 'No vinculado' });
    expect(await whoActs(server({ me: unauthenticated(), device: unknown }))).toEqual({
      refused: 'unpaired',
    });
    expect(await kept()).toBeNull();
  });

  it('a refusal other than the network is the error page’s, not the copy’s', async () => {
    session.set(me());
    const forbidden = new ApiError({ status: 403, code: 'FORBIDDEN', message: 'No' });
    await expect(whoActs(server({ me: forbidden }))).rejects.toBe(forbidden);
  });

  it('the network’s error when there is no copy (the "Sin conexión" page)', async () => {
    await expect(whoActs(server({ me: offline() }))).rejects.toMatchObject({ code: 'network' });
  });

  it('sends a sign-out still owed before asking who is signed in, and settles it', async () => {
    device.set(phone());
    device.signOutPending = true;
    device.signedOut();
    const sources = server({ me: unauthenticated(), device: phone(null) });
    expect(await whoActs(sources)).toMatchObject({ from: 'server', signOutOwed: false });
    expect(sources.signOuts).toBe(1);
    expect(await signOutOwed()).toBe(false);
  });

  it('still owed (no network for it): whoever the server has signed in here is not shown', async () => {
    device.set(phone());
    device.signOutPending = true;
    device.signedOut();
    const sources = server({ me: unauthenticated(), device: phone(), signOut: offline() });
    const who = await whoActs(sources);
    expect(who).toMatchObject({
      from: 'server',
      identity: { kind: 'device', device: { staff: null, permissions: [] } },
      signOutOwed: true,
    });
    expect(await signOutOwed()).toBe(true);
  });
});

describe('serverUnreachable', () => {
  it('is the network, the server down or a stranger answering; never a refusal', () => {
    expect(serverUnreachable(offline())).toBe(true);
    expect(serverUnreachable(new ApiError({ status: 503, code: 'SERVICE_UNAVAILABLE', message: '' }))).toBe(
      true,
    );
    expect(serverUnreachable(unauthenticated())).toBe(false);
    expect(serverUnreachable(new ApiError({ status: 403, code: 'FORBIDDEN', message: '' }))).toBe(false);
    expect(serverUnreachable(new Error('bug'))).toBe(false);
  });
});
