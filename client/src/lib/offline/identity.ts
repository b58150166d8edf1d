import {
  DeviceSessionView,
  MeView,
  type DeviceSessionView as DeviceSession,
  type MeView as Me,
} from '@smartket/shared';
import { ApiError } from '../api/client.ts';
import { db, type SmartketDb, type StoredIdentity } from './db.ts';

/**
 * Who last acted in this browser, kept on the device so the installed app opens into the same
 * screens after a restart with no network: a waiter whose phone killed the tab at a table keeps
 * taking orders from the device's copies (menu, tables, floor, outbox).
 *
 * The copy only decides what the screens show while the server cannot be asked. Every request
 * still carries the HttpOnly cookies and the server still decides; once it answers, its word
 * replaces the copy (a 401 signs the screens out as always). Nothing secret is kept: no token,
 * no PIN. The copy goes whenever that identity ends here: sign-out, "Cambiar de usuario", the
 * idle lock, the owner unpairing the device, the session ended elsewhere.
 */

/** The longest a PIN sign-in lasts on the server (one long shift): an older copy is not used. */
const STAFF_SHIFT_MS = 16 * 3_600_000;
/** A clock set back further than this hides how long the phone was left alone: lock instead. */
const CLOCK_SLACK_MS = 60_000;

/** Who acts, as the server answered: an e-mail user in their active business, or a paired device. */
export type Identity =
  | { kind: 'user'; me: Me }
  | {
      kind: 'device';
      device: DeviceSession;
      /** The business cannot be used now (trial over): its staff get a notice instead of screens. */
      businessLocked: boolean;
    };

export type IdentityKind = Identity['kind'];

/** An identity read back from the device, with when the server last confirmed it (ISO). */
export type RecalledIdentity = Identity & { savedAt: string };

/** Someone acts on the device: a staff member signed in with a PIN, or a kitchen screen itself. */
export function deviceHasActor(view: DeviceSession): boolean {
  return view.staff !== null || view.device.kind === 'kitchen_screen';
}

/**
 * A failure the device's copy may stand in for: no network, a captive portal or proxy answering
 * instead of us (not our JSON), or the server down. A refusal (401, 403…) never is.
 */
export function serverUnreachable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'network' || error.code === 'bad_response' || error.status >= 500)
  );
}

let writes: Promise<void> = Promise.resolve();

/**
 * Runs writes one after another, in the order the app asked for them (a sign-out's forget
 * never lands before the remember it follows). Storage that fails (full, blocked, a private
 * window) only means the app cannot open offline: never an error for the screen.
 */
function queue(write: (database: SmartketDb) => Promise<unknown>): Promise<void> {
  writes = writes
    .then(async () => {
      if (typeof indexedDB !== 'undefined') {
        await write(db());
      }
    })
    .catch(() => undefined);
  return writes;
}

/** Resolves once every write asked for so far is done. */
export function identityWritten(): Promise<void> {
  return writes;
}

function personOf(identity: Identity): string {
  if (identity.kind === 'user') {
    return `user:${identity.me.user.id}`;
  }
  return `device:${identity.device.device.id}:${identity.device.staff?.id ?? ''}`;
}

async function storedIdentity(database: SmartketDb): Promise<StoredIdentity | null> {
  const row = await database.identity.get('last');
  return row?.key === 'last' ? row : null;
}

/**
 * Keeps `identity` as the one this browser acts as: called with each answer of the server
 * (sign-in, `/api/auth/me`, `/api/device`, a PIN sign-in, a tenant switch — which replaces the
 * previous business). A device nobody acts on (the PIN screen) keeps nothing: offline it could
 * not sign anyone in anyway.
 */
export function rememberIdentity(identity: Identity, now = new Date()): Promise<void> {
  if (identity.kind === 'device' && !deviceHasActor(identity.device)) {
    return forgetIdentity('device');
  }
  const person = personOf(identity);
  const at = now.toISOString();
  return queue((database) =>
    database.transaction('rw', database.identity, async () => {
      const previous = await storedIdentity(database);
      const same = previous?.person === person ? previous : null;
      const staffSigned = identity.kind === 'device' && identity.device.staff !== null;
      await database.identity.put({
        key: 'last',
        kind: identity.kind,
        person,
        view: identity.kind === 'user' ? identity.me : identity.device,
        businessLocked: identity.kind === 'device' && identity.businessLocked,
        savedAt: at,
        // A refresh does not count as someone touching the screen; a new person does.
        activeAt: same?.activeAt ?? at,
        staffSince: staffSigned ? (same?.staffSince ?? at) : null,
      });
    }),
  );
}

/**
 * Forgets who acted here: every kind, or only `kind` (the user store forgets a user, the device
 * store a device, so neither erases the other's copy while the app decides who acts).
 */
export function forgetIdentity(kind?: IdentityKind): Promise<void> {
  return queue((database) =>
    database.transaction('rw', database.identity, async () => {
      const stored = await storedIdentity(database);
      if (stored && (kind === undefined || stored.kind === kind)) {
        await database.identity.delete('last');
      }
    }),
  );
}

/** Someone is working as the kept identity: the idle lock of a restart counts from `at`. */
export function touchIdentity(at = new Date()): Promise<void> {
  const activeAt = at.toISOString();
  return queue((database) =>
    database.transaction('rw', database.identity, async () => {
      const stored = await storedIdentity(database);
      if (stored && stored.activeAt < activeAt) {
        await database.identity.put({ ...stored, activeAt });
      }
    }),
  );
}

/** The stored view, checked with its schema: a version of the app that changed it keeps nothing. */
function parseStored(stored: StoredIdentity): Identity | null {
  if (stored.kind === 'user') {
    const parsed = MeView.safeParse(stored.view);
    return parsed.success ? { kind: 'user', me: parsed.data } : null;
  }
  const parsed = DeviceSessionView.safeParse(stored.view);
  return parsed.success
    ? { kind: 'device', device: parsed.data, businessLocked: stored.businessLocked }
    : null;
}

/**
 * Whether a PIN sign-in kept on the device still stands at `now` as the server would see it:
 * not left alone longer than the idle lock (a phone left on a table locks, restart or not), and
 * within one shift.
 */
function staffStillSignedIn(stored: StoredIdentity, view: DeviceSession, now: Date): boolean {
  const idleMs = now.getTime() - Date.parse(stored.activeAt);
  const shiftMs = now.getTime() - Date.parse(stored.staffSince ?? stored.savedAt);
  return (
    idleMs >= -CLOCK_SLACK_MS &&
    idleMs <= view.idleLockMinutes * 60_000 &&
    shiftMs >= -CLOCK_SLACK_MS &&
    shiftMs <= STAFF_SHIFT_MS
  );
}

/**
 * Who this browser last acted as, for opening without network; null when nothing usable is
 * kept. `kinds` narrows it (the server just said no user is signed in: only a device may
 * stand in). A staff sign-in the idle lock would have ended is forgotten here, and its
 * sign-out owed to the server, as the idle lock does with the app open.
 */
export async function recallIdentity(
  options: { kinds?: readonly IdentityKind[]; now?: Date } = {},
): Promise<RecalledIdentity | null> {
  await writes;
  if (typeof indexedDB === 'undefined') {
    return null;
  }
  let stored: StoredIdentity | null;
  try {
    stored = await storedIdentity(db());
  } catch {
    return null;
  }
  if (!stored || (options.kinds && !options.kinds.includes(stored.kind))) {
    return null;
  }
  const identity = parseStored(stored);
  if (!identity) {
    await forgetIdentity(stored.kind);
    return null;
  }
  if (identity.kind === 'device' && identity.device.staff) {
    if (!staffStillSignedIn(stored, identity.device, options.now ?? new Date())) {
      await forgetIdentity('device');
      await oweSignOut(true);
      return null;
    }
  }
  return { ...identity, savedAt: stored.savedAt };
}

/**
 * Keeps (or settles) a PIN sign-out the server has not heard of yet, so it is sent before
 * anyone acts on the device again — also after a restart.
 */
export function oweSignOut(owed: boolean, now = new Date()): Promise<void> {
  return queue((database) =>
    owed
      ? database.identity.put({ key: 'signOutOwed', since: now.toISOString() })
      : database.identity.delete('signOutOwed'),
  );
}

/** Whether a PIN sign-out is still owed to the server. */
export async function signOutOwed(): Promise<boolean> {
  await writes;
  if (typeof indexedDB === 'undefined') {
    return false;
  }
  try {
    return (await db().identity.get('signOutOwed')) !== undefined;
  } catch {
    return false;
  }
}

/** Where the app opening asks who acts (the API calls, with SvelteKit's `fetch`). */
export interface IdentitySources {
  me(): Promise<Me>;
  device(): Promise<DeviceSession>;
  /** Whether the device's business is locked (trial over); null when that could not be read. */
  businessLocked(): Promise<boolean | null>;
  /** Ends the PIN sign-in on this device. */
  signOut(): Promise<void>;
}

/** Who acts, and whether the server said so or the device's copy stands in for it. */
export type WhoActs =
  | {
      from: 'server';
      identity: Identity;
      /** A PIN sign-out could not be sent yet: the device shows nobody signed in regardless. */
      signOutOwed: boolean;
    }
  | { from: 'device'; identity: Identity; savedAt: string; signOutOwed: boolean }
  | {
      /** The device credential was refused: unpaired by the owner, or unknown here. */
      refused: 'revoked' | 'unpaired';
    };

async function fromDevice(error: unknown, kinds: readonly IdentityKind[], now: Date): Promise<WhoActs> {
  if (!serverUnreachable(error)) {
    throw error;
  }
  const recalled = await recallIdentity({ kinds, now });
  if (!recalled) {
    throw error;
  }
  const { savedAt, ...identity } = recalled;
  return {
    from: 'device',
    identity,
    savedAt,
    signOutOwed: identity.kind === 'device' && (await signOutOwed()),
  };
}

/**
 * Who drives the app now. The user session cookie wins (owners and admins); without one, the
 * device cookie. When the server cannot be reached, the identity this device last had stands
 * in for it — never after the server refused one (a 401 is a sign-out, not a network failure).
 * Throws the API's error when neither answers.
 */
export async function whoActs(sources: IdentitySources, now = new Date()): Promise<WhoActs> {
  let me: Me | null = null;
  try {
    me = await sources.me();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) {
      return fromDevice(error, ['user', 'device'], now);
    }
    // Signed out (here, elsewhere, or expired): that user's copy must not open the app again.
    await forgetIdentity('user');
  }
  if (me) {
    return { from: 'server', identity: { kind: 'user', me }, signOutOwed: false };
  }

  let owed = await signOutOwed();
  if (owed) {
    try {
      await sources.signOut();
      await oweSignOut(false);
      owed = false;
    } catch {
      // Still owed: whoever the server has signed in here is not shown (see below).
    }
  }
  let view: DeviceSession;
  try {
    view = await sources.device();
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'DEVICE_REVOKED' || error.status === 401)) {
      await forgetIdentity('device');
      return { refused: error.code === 'DEVICE_REVOKED' ? 'revoked' : 'unpaired' };
    }
    return fromDevice(error, ['device'], now);
  }
  if (owed && view.staff) {
    // This device signed that person out (idle lock, "Cambiar de usuario") before the server heard.
    view = { ...view, staff: null, permissions: [] };
  }
  const businessLocked = deviceHasActor(view) ? ((await sources.businessLocked()) ?? false) : false;
  return { from: 'server', identity: { kind: 'device', device: view, businessLocked }, signOutOwed: owed };
}
