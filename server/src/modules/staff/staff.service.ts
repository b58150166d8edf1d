import { LockMode, type EntityManager } from '@mikro-orm/core';
import type {
  FieldIssue,
  StaffInput,
  StaffPatch,
  StaffPinInput,
  StaffRole,
  StaffSettings,
} from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { findOr404, selectRows } from '../../db/queries.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, answerUniqueViolation, notFound } from '../../lib/errors.ts';
import { nameKey, nameTaken, normalizeName } from '../../lib/names.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { Branch } from '../branches/branch.entity.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import { Setting } from '../settings/setting.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { PinLockout } from './pin-lockout.entity.ts';
import { readStaffSettings, STAFF_SETTINGS_KEY } from './staff-settings.ts';
import { StaffBranch } from './staff-branch.entity.ts';
import { Staff } from './staff.entity.ts';
import { staffSessionsEnded, type StaffSessionEndReason } from './staff.events.ts';
import type { StaffRecord } from './staff.presenter.ts';

/** What staff changes need besides the request's database: the time, and the sockets to tell. */
export interface StaffDeps {
  clock: Clock;
  broadcaster: Broadcaster;
}

/** The request a change comes from: the tenant (plan limits), who acts (audit) and its database. */
export interface StaffScope {
  em: EntityManager;
  tenant: Tenant;
  actor: Actor;
}

const NAME_INDEX = 'staff_active_name_key_unique';

/** The unique index on active names read as the name check's own answer. */
function answerStaffIndexes(index: string): AppError | undefined {
  return index === NAME_INDEX ? nameTaken() : undefined;
}

const byName = new Intl.Collator('es', { sensitivity: 'base', numeric: true });

// ---------------------------------------------------------------------------------------------
// Reading

/** Every staff member, active ones first, each group by name, with branches and lockouts. */
export async function listStaff(em: EntityManager, now: Date): Promise<StaffRecord[]> {
  const staff = await em.find(Staff, {});
  staff.sort((a, b) => Number(b.active) - Number(a.active) || byName.compare(a.name, b.name));
  return withBranchesAndLockouts(em, staff, now);
}

/** One staff member as the owner sees them; 404 when unknown. */
async function loadStaff(em: EntityManager, staffId: string, now: Date): Promise<StaffRecord> {
  const staff = await findOr404(em, Staff, staffId, 'Staff member');
  const [record] = await withBranchesAndLockouts(em, [staff], now);
  if (!record) {
    throw new Error('a loaded staff member has no record');
  }
  return record;
}

/** Two queries for any number of people: their branches, and the lockouts in force on them. */
async function withBranchesAndLockouts(
  em: EntityManager,
  staff: readonly Staff[],
  now: Date,
): Promise<StaffRecord[]> {
  if (staff.length === 0) {
    return [];
  }
  const staffIds = staff.map((person) => person.id);
  const links = await em.find(StaffBranch, { staffId: { $in: staffIds } });
  const locks = await selectRows<{ staffId: string; lockedUntil: Date }>(
    em,
    `select staff_id as "staffId", max(locked_until) as "lockedUntil" from pin_lockouts
      where locked_until > ? and staff_id in (select value::uuid from jsonb_array_elements_text(?::jsonb))
      group by staff_id`,
    [now, JSON.stringify(staffIds)],
  );
  const lockedUntil = new Map(locks.map((lock) => [lock.staffId, new Date(lock.lockedUntil)]));
  return staff.map((person) => ({
    staff: person,
    branchIds: links.filter((link) => link.staffId === person.id).map((link) => link.branchId),
    lockedUntil: lockedUntil.get(person.id) ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Adds a person who signs in with a PIN, within the plan's limit of active staff. Only the
 * argon2id hash of the PIN is kept; the audit log names the person, never the PIN.
 */
export async function createStaff(
  { em, tenant, actor }: StaffScope,
  input: StaffInput,
  deps: StaffDeps,
): Promise<StaffRecord> {
  const name = normalizeName(input.name);
  const branchIds = uniqueSorted(input.branchIds);
  // Hashing takes tens of milliseconds: done before the transaction, so nobody queues behind it.
  const pinHash = await hashPassword(input.pin);
  const now = deps.clock.now();
  const staff = await answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'staff');
        await assertStaffFields(tx, { nameKey: nameKey(name), branchIds });
        assertWithinPlanLimit(tenant, 'staff', await tx.count(Staff, { active: true }));
        const created = tx.create(Staff, {
          name,
          nameKey: nameKey(name),
          role: input.role,
          pinHash,
          active: true,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        for (const branchId of branchIds) {
          tx.create(StaffBranch, { staffId: created.id, branchId });
        }
        recordAudit(
          tx,
          actor,
          {
            action: 'staff.created',
            entity: { type: 'staff', id: created.id, label: name },
            after: { name, role: input.role, branchIds },
          },
          now,
        );
        await tx.flush();
        return created;
      }),
    answerStaffIndexes,
  );
  return { staff, branchIds, lockedUntil: null };
}

/** The fields of a staff member a PATCH can change, as they compare before and after. */
interface StaffState {
  name: string;
  role: StaffRole;
  branchIds: string[];
  active: boolean;
}
type StaffField = keyof StaffState;

/**
 * Renames, changes the role or branches of, deactivates or reactivates a staff member. A change
 * of role, branches or active signs them out of every device (their sockets are told and
 * dropped), since what they may do or where changed. Reactivating counts against the plan and
 * needs the name to be free again.
 */
export async function updateStaff(
  { em, tenant, actor }: StaffScope,
  staffId: string,
  patch: StaffPatch,
  deps: StaffDeps,
): Promise<StaffRecord> {
  const now = deps.clock.now();
  const outcome = await answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'staff');
        const staff = await lockStaff(tx, staffId);
        const before: StaffState = {
          name: staff.name,
          role: staff.role,
          branchIds: await branchIdsOf(tx, staffId),
          active: staff.active,
        };
        const after: StaffState = {
          name: patch.name !== undefined ? normalizeName(patch.name) : before.name,
          role: patch.role ?? before.role,
          branchIds: patch.branchIds !== undefined ? uniqueSorted(patch.branchIds) : before.branchIds,
          active: patch.active ?? before.active,
        };
        const changed = changedFields(before, after);
        if (changed.length === 0) {
          return { staff, branchIds: before.branchIds, ended: [] as string[], reason: 'changed' as const };
        }
        const reactivated = after.active && !before.active;
        await assertStaffFields(tx, {
          nameKey:
            after.active && (changed.includes('name') || reactivated) ? nameKey(after.name) : undefined,
          exceptId: staffId,
          branchIds: changed.includes('branchIds') ? after.branchIds : undefined,
        });
        if (reactivated) {
          assertWithinPlanLimit(tenant, 'staff', await tx.count(Staff, { active: true }));
        }

        staff.name = after.name;
        staff.nameKey = nameKey(after.name);
        staff.role = after.role;
        staff.active = after.active;
        if (changed.includes('branchIds')) {
          await replaceBranches(tx, staffId, before.branchIds, after.branchIds);
        }
        const signsOut = changed.some((field) => field !== 'name');
        const ended = signsOut ? await endStaffSessions(tx, { staffId }) : [];
        recordAudit(
          tx,
          actor,
          {
            action: !changed.includes('active')
              ? 'staff.updated'
              : after.active
                ? 'staff.reactivated'
                : 'staff.deactivated',
            entity: { type: 'staff', id: staffId, label: after.name },
            before: pick(before, changed),
            after: pick(after, changed),
          },
          now,
        );
        await tx.flush();
        const reason: StaffSessionEndReason = after.active ? 'changed' : 'deactivated';
        return { staff, branchIds: after.branchIds, ended, reason };
      }),
    answerStaffIndexes,
  );
  publish(deps, staffSessionsEnded(tenant.id, outcome.ended, outcome.reason));
  return loadStaff(em, outcome.staff.id, now);
}

/**
 * Sets a new PIN chosen by the owner. It signs the person out everywhere and lifts their
 * lockouts: whoever forgot the PIN gets a fresh start with the new one.
 */
export async function resetStaffPin(
  { em, tenant, actor }: StaffScope,
  staffId: string,
  input: StaffPinInput,
  deps: StaffDeps,
): Promise<void> {
  const pinHash = await hashPassword(input.pin);
  const now = deps.clock.now();
  const ended = await em.transactional(async (tx) => {
    const staff = await lockStaff(tx, staffId);
    staff.pinHash = pinHash;
    const sessionIds = await endStaffSessions(tx, { staffId });
    await tx.nativeDelete(PinLockout, { staffId });
    recordAudit(
      tx,
      actor,
      { action: 'staff.pin_reset', entity: { type: 'staff', id: staffId, label: staff.name } },
      now,
    );
    await tx.flush();
    return sessionIds;
  });
  publish(deps, staffSessionsEnded(tenant.id, ended, 'changed'));
}

/** Changes the idle lock of shared devices; the audit log keeps the old and new minutes. */
export async function updateStaffSettings(
  { em, actor }: Omit<StaffScope, 'tenant'>,
  settings: StaffSettings,
  now: Date,
): Promise<StaffSettings> {
  return em.transactional(async (tx) => {
    await lockTenantScope(tx, 'staff');
    const before = await readStaffSettings(tx);
    if (before.idleLockMinutes === settings.idleLockMinutes) {
      return before;
    }
    const stored = await tx.findOne(Setting, { key: STAFF_SETTINGS_KEY });
    if (stored) {
      stored.value = settings;
    } else {
      tx.create(Setting, { key: STAFF_SETTINGS_KEY, value: settings });
    }
    recordAudit(
      tx,
      actor,
      {
        action: 'staff.settings_changed',
        entity: { type: 'settings', id: STAFF_SETTINGS_KEY, label: null },
        before: { ...before },
        after: { ...settings },
      },
      now,
    );
    await tx.flush();
    return settings;
  });
}

/**
 * Inside a transaction: deletes the PIN sign-ins of one person or of one device and answers
 * their ids, for the caller to tell their sockets after commit. One statement, so a sign-in
 * racing with it is either ended and told, or made after it.
 */
export async function endStaffSessions(
  tx: EntityManager,
  where: { staffId: string } | { deviceId: string },
): Promise<string[]> {
  const [column, value] = 'staffId' in where ? ['staff_id', where.staffId] : ['device_id', where.deviceId];
  const rows = await selectRows<{ id: string }>(
    tx,
    `delete from staff_sessions where ${column} = ? returning id`,
    [value],
  );
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * One 422 naming every field at fault: a name another active person has (compared by
 * `nameKey`, like the unique index), and branches that do not exist or are closed.
 */
async function assertStaffFields(
  tx: EntityManager,
  check: { nameKey?: string | undefined; exceptId?: string; branchIds?: readonly string[] | undefined },
): Promise<void> {
  const fields: Record<string, FieldIssue> = {};
  if (check.nameKey !== undefined) {
    const taken = await tx.count(Staff, {
      nameKey: check.nameKey,
      active: true,
      ...(check.exceptId ? { id: { $ne: check.exceptId } } : {}),
    });
    if (taken > 0) {
      fields.name = { code: 'taken', message: 'Another active staff member has this name' };
    }
  }
  if (check.branchIds !== undefined) {
    const open = await tx.count(Branch, { id: { $in: [...check.branchIds] }, active: true });
    if (open !== check.branchIds.length) {
      fields.branchIds = { code: 'unknown_reference', message: 'Unknown or inactive branch' };
    }
  }
  const names = Object.keys(fields);
  if (names.length > 0) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${names.join(', ')}`, { fields });
  }
}

/**
 * Inside a transaction: the person's row, locked until commit. A PIN sign-in under way holds it
 * too (`for key share`), so a change waits for that sign-in and then ends the session it made.
 */
async function lockStaff(tx: EntityManager, staffId: string): Promise<Staff> {
  const staff = await tx.findOne(Staff, { id: staffId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!staff) {
    throw notFound('Staff member');
  }
  return staff;
}

async function branchIdsOf(em: EntityManager, staffId: string): Promise<string[]> {
  const links = await em.find(StaffBranch, { staffId });
  return uniqueSorted(links.map((link) => link.branchId));
}

async function replaceBranches(
  tx: EntityManager,
  staffId: string,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  const removed = before.filter((branchId) => !after.includes(branchId));
  if (removed.length > 0) {
    await tx.nativeDelete(StaffBranch, { staffId, branchId: { $in: removed } });
  }
  for (const branchId of after.filter((id) => !before.includes(id))) {
    tx.create(StaffBranch, { staffId, branchId });
  }
}

function changedFields(before: StaffState, after: StaffState): StaffField[] {
  const fields: StaffField[] = ['name', 'role', 'branchIds', 'active'];
  return fields.filter((field) =>
    field === 'branchIds'
      ? before.branchIds.join() !== after.branchIds.join()
      : before[field] !== after[field],
  );
}

function pick(state: StaffState, fields: readonly StaffField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, state[field]]));
}

function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function publish(deps: StaffDeps, broadcast: ReturnType<typeof staffSessionsEnded>): void {
  if (broadcast) {
    deps.broadcaster.publish(broadcast);
  }
}
