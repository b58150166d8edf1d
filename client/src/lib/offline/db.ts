import type {
  BranchStream,
  ChosenOptionView,
  FieldIssueCode,
  ItemsServedInput,
  OrderJoinInput,
  OrderMoveInput,
  OrderOpenInput,
  OrderPatch,
  OrderWaiterView,
  RoundInput,
} from '@smartket/shared';
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ClientErrorCode } from '../api/client.ts';

/**
 * A stream's last known state on this device, so a screen opens with it offline. `data` is the
 * snapshot view as the server sent it (plus applied events), checked with its schema when read
 * back: a version of the app that changed the shape just starts from the server again.
 */
export interface StoredSnapshot {
  tenantId: string;
  branchId: string;
  stream: BranchStream;
  seq: number;
  data: unknown;
  /** When this device last heard the server about it (ISO). */
  syncedAt: string;
}

/** The menu as `GET /api/tenant/menu` last answered, checked with `MenuView` when read back. */
export interface StoredMenu {
  tenantId: string;
  menu: unknown;
  savedAt: string;
}

/** A branch's zones, tables and stations as `GET /api/tenant/branches/:id` last answered. */
export interface StoredBranch {
  tenantId: string;
  branchId: string;
  branch: unknown;
  savedAt: string;
}

/** An item of a round waiting in the outbox, with what the waiter's screen shows of it. */
export interface PendingItem {
  id: string;
  roundId: string;
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  options: ChosenOptionView[];
  note: string | null;
}

/** Why the server refused an entry, kept with it until the waiter retries or discards it. */
export interface OutboxError {
  status: number;
  code: ClientErrorCode;
  /** Already in the waiter's language. */
  message: string;
  /** Messages per field of the body, e.g. `items.2.productId`. */
  fields: Record<string, string>;
  fieldCodes: Record<string, FieldIssueCode>;
  details: Record<string, unknown>;
}

/** What an entry asks the server to do, with what the screens need to show it before it is done. */
export type OutboxMutation =
  | {
      kind: 'orders.open';
      body: OrderOpenInput;
      /** Who is opening it, as the table map shows the waiter. */
      waiter: OrderWaiterView;
    }
  | { kind: 'orders.round'; body: RoundInput; items: PendingItem[]; sentByName: string }
  | { kind: 'orders.served'; body: ItemsServedInput }
  | { kind: 'orders.bill'; body: Record<string, never> }
  | { kind: 'orders.move'; body: OrderMoveInput }
  | { kind: 'orders.join'; body: OrderJoinInput }
  | { kind: 'orders.cancel'; body: Record<string, never> }
  | { kind: 'orders.patch'; body: OrderPatch };

export type OutboxKind = OutboxMutation['kind'];

/** Where an entry belongs and who made it. */
export interface OutboxFields {
  tenantId: string;
  branchId: string;
  /** Who made it (user or staff id): only they send it, with their own credentials. */
  actorId: string;
  orderId: string;
  createdAt: string;
}

/** An entry as it is added: Dexie assigns `seq`. */
export type NewOutboxEntry = OutboxMutation & OutboxFields;

/**
 * A mutation made on this device that the server has not accepted yet. It is the optimistic
 * record too: the floor shows an order opened offline, or a round "por enviar", from these
 * entries, so the change and what the screen shows of it are written in one step.
 */
export type OutboxEntry = NewOutboxEntry & {
  /** Auto-increment: the order in which entries are sent. */
  seq: number;
  state: 'pending' | 'rejected';
  error: OutboxError | null;
  /** Failed sends so far (network, server); drives the backoff. */
  attempts: number;
};

/**
 * Who last acted in this browser, as the server last confirmed it (`GET /api/auth/me` or
 * `/api/device`), so the installed app opens into the same screens with no network. One row:
 * `view` is a `MeView` (kind `user`) or a `DeviceSessionView` (kind `device`), checked with its
 * schema when read back. No token, no PIN: the credentials stay in HttpOnly cookies.
 */
export interface StoredIdentity {
  key: 'last';
  kind: 'user' | 'device';
  /** Whose identity it is (user id, or device and staff ids): the same person keeps `activeAt`. */
  person: string;
  view: unknown;
  /** The device's business could not be used when last read (its trial ended). */
  businessLocked: boolean;
  /** When the server last answered with this identity (ISO). */
  savedAt: string;
  /** When someone last touched the screen as this identity (ISO): the idle lock counts from it. */
  activeAt: string;
  /** When this device first saw the signed-in staff member (ISO); null without one. */
  staffSince: string | null;
}

/**
 * A PIN sign-out that never reached the server (no network when the idle lock or "Cambiar de
 * usuario" ended it): sent before anyone acts on this device again, even after a restart.
 */
export interface StoredSignOutOwed {
  key: 'signOutOwed';
  since: string;
}

export type StoredIdentityRow = StoredIdentity | StoredSignOutOwed;

export type SmartketDb = Dexie & {
  snapshots: Table<StoredSnapshot, [string, string, BranchStream]>;
  menus: EntityTable<StoredMenu, 'tenantId'>;
  branches: Table<StoredBranch, [string, string]>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  identity: Table<StoredIdentityRow, StoredIdentityRow['key']>;
};

export const DB_NAME = 'smartket';

/**
 * The device's IndexedDB. Each `version()` block stays as it shipped: a change of schema is a
 * new block after the last one (with `.upgrade()` when rows must change), never an edit.
 */
export function createDb(name = DB_NAME): SmartketDb {
  const db = new Dexie(name) as SmartketDb;
  db.version(1).stores({
    snapshots: '[tenantId+branchId+stream]',
    menus: 'tenantId',
    branches: '[tenantId+branchId]',
    outbox: '++seq, tenantId, orderId',
  });
  // Who acts here, for opening offline (lib/offline/identity.ts).
  db.version(2).stores({
    identity: 'key',
  });
  return db;
}

let shared: SmartketDb | undefined;

/** The one database of this tab, opened on first use (browser only). */
export function db(): SmartketDb {
  shared ??= createDb();
  return shared;
}

/** Uses `replacement` as the tab's database: tests give each case a fresh one. */
export function useDb(replacement: SmartketDb): void {
  shared = replacement;
}
