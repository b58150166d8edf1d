import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { PinSignInInput } from '@smartket/shared';
import { runStatement, selectRows } from '../../db/queries.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { PinLockout } from '../staff/pin-lockout.entity.ts';
import { StaffBranch } from '../staff/staff-branch.entity.ts';
import { StaffSession } from '../staff/staff-session.entity.ts';
import { Staff } from '../staff/staff.entity.ts';
import { staffSessionsEnded } from '../staff/staff.events.ts';
import { endStaffSessions } from '../staff/staff.service.ts';
import { issueStaffSession } from './device-credentials.ts';
import type { Device } from './device.entity.ts';
import type { DeviceScope } from './devices.service.ts';
import { afterWrongPin, CLEAR_LOCKOUT, lockoutInForce } from './pin-lockout.policy.ts';

export interface PinSignInDeps {
  clock: Clock;
  broadcaster: Broadcaster;
}

/** A kitchen screen runs on its own credential: nobody signs in on it. */
function assertSignsPeopleIn(device: Device): void {
  if (device.kind === 'kitchen_screen') {
    throw new AppError('CONFLICT', 409, 'A kitchen screen works without PIN sign-in');
  }
}

/** The names on this device's PIN screen: active staff of its branch, by name, with their lockouts here. */
export async function listStaffPicks(
  { em, device }: DeviceScope,
  now: Date,
): Promise<{ staff: Staff; lockedUntil: Date | null }[]> {
  assertSignsPeopleIn(device);
  const links = await em.find(StaffBranch, { branchId: device.branchId });
  if (links.length === 0) {
    return [];
  }
  const staff = await em.find(Staff, { id: { $in: links.map((link) => link.staffId) }, active: true });
  const lockouts = await em.find(PinLockout, {
    deviceId: device.id,
    staffId: { $in: staff.map((person) => person.id) },
  });
  const byName = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
  return staff
    .sort((a, b) => byName.compare(a.name, b.name))
    .map((person) => {
      const lockout = lockouts.find((row) => row.staffId === person.id);
      return { staff: person, lockedUntil: lockout ? lockoutInForce(lockout, now) : null };
    });
}

type Attempt =
  | { result: 'signed_in'; staff: Staff; token: string; session: StaffSession; ended: string[] }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; lockedUntil: Date };

/**
 * Signs a staff member in on this device with their PIN. Wrong PINs count on a row of
 * `pin_lockouts` locked for the attempt, so attempts made at the same moment are counted one
 * after another and none is lost; the fifth locks the person out on this device (audited), and
 * during a lockout even the right PIN is refused without being checked. The right PIN clears
 * the count, ends whoever was signed in on the device and starts a session.
 *
 * The PIN is checked inside the transaction, under the row lock: the verdict and its count are
 * one step, so a burst of guesses cannot be checked faster than it is counted. That keeps one
 * pooled connection for one argon2id verify (~60 ms) per attempt; only attempts for the same
 * person on the same device queue behind it, and once locked out they answer without a verify.
 */
export async function signInWithPin(
  { em, tenant, device }: DeviceScope,
  input: PinSignInInput,
  deps: PinSignInDeps,
): Promise<{ staff: Staff; token: string; session: StaffSession }> {
  assertSignsPeopleIn(device);
  const now = deps.clock.now();
  const attempt = await em.transactional(async (tx): Promise<Attempt> => {
    const staff = await holdDeviceAndStaff(tx, device, input.staffId);
    const lockout = await lockoutRow(tx, staff.id, device.id);
    const lockedUntil = lockoutInForce(lockout, now);
    if (lockedUntil) {
      return { result: 'locked', lockedUntil };
    }
    const who: AuditActor = {
      kind: 'staff',
      id: staff.id,
      name: staff.name,
      device: { id: device.id, name: device.name },
    };
    const entity = { type: 'staff' as const, id: staff.id, label: staff.name };

    if (!(await verifyPassword(staff.pinHash, input.pin))) {
      const outcome = afterWrongPin(lockout, now);
      tx.assign(lockout, outcome.state);
      if (outcome.lockedOut) {
        recordAudit(
          tx,
          who,
          {
            action: 'auth.pin_locked_out',
            entity,
            after: { lockedUntil: outcome.lockedUntil.toISOString(), lockouts: outcome.state.lockouts },
            branchId: device.branchId,
          },
          now,
        );
      }
      await tx.flush();
      return outcome.lockedOut
        ? { result: 'locked', lockedUntil: outcome.lockedUntil }
        : { result: 'wrong', attemptsLeft: outcome.attemptsLeft };
    }

    tx.assign(lockout, CLEAR_LOCKOUT);
    const ended = await endStaffSessions(tx, { deviceId: device.id });
    const { token, session } = issueStaffSession(tx, {
      staffId: staff.id,
      deviceId: device.id,
      branchId: device.branchId,
      now,
    });
    staff.lastSignInAt = now;
    recordAudit(tx, who, { action: 'auth.pin_signed_in', entity, branchId: device.branchId }, now);
    await tx.flush();
    return { result: 'signed_in', staff, token, session, ended };
  });

  switch (attempt.result) {
    case 'wrong':
      throw new AppError('INVALID_PIN', 401, 'Wrong PIN', {
        details: { attemptsLeft: attempt.attemptsLeft },
      });
    case 'locked':
      throw pinLocked(attempt.lockedUntil, now);
    case 'signed_in': {
      // The sockets of whoever was signed in here rejoin as the new person (other rooms, other role).
      const ended = staffSessionsEnded(tenant.id, attempt.ended, 'signed_out');
      if (ended) {
        deps.broadcaster.publish(ended);
      }
      return { staff: attempt.staff, token: attempt.token, session: attempt.session };
    }
  }
}

/** Ends the PIN sign-in on this device, if any, and tells its sockets. */
export async function signOutOfDevice(
  { em, tenant }: DeviceScope,
  session: StaffSession | undefined,
  broadcaster: Broadcaster,
): Promise<void> {
  if (!session) {
    return;
  }
  await em.nativeDelete(StaffSession, { id: session.id });
  const ended = staffSessionsEnded(tenant.id, [session.id], 'signed_out');
  if (ended) {
    broadcaster.publish(ended);
  }
}

/**
 * Inside the sign-in's transaction: the device still paired, and the person active and working
 * in its branch, both rows held (`for key share`) until commit. Revoking a device and changing
 * or re-PINning a person lock those rows `for update`, so such a change either commits first and
 * is read here, or waits for this sign-in and then ends the session it made — never a session
 * that outlives the change. Other sign-ins of the same person do not wait on each other.
 */
async function holdDeviceAndStaff(tx: EntityManager, device: Device, staffId: string): Promise<Staff> {
  const [paired] = await selectRows(
    tx,
    'select id from devices where id = ? and revoked_at is null for key share',
    [device.id],
  );
  if (!paired) {
    throw new AppError('DEVICE_REVOKED', 401, 'This device was unpaired by the owner');
  }
  const [held] = await selectRows(tx, 'select id from staff where id = ? and active for key share', [
    staffId,
  ]);
  const worksHere = held && (await tx.count(StaffBranch, { staffId, branchId: device.branchId }));
  if (!worksHere) {
    throw notFound('Staff member');
  }
  // Read after the lock, and afresh: a PIN or role changed while this waited counts.
  return tx.findOneOrFail(Staff, { id: staffId }, { populate: ['pinHash'], refresh: true });
}

/** The person's lockout row on this device, created on first use and locked until commit. */
async function lockoutRow(tx: EntityManager, staffId: string, deviceId: string): Promise<PinLockout> {
  await runStatement(
    tx,
    'insert into pin_lockouts (staff_id, device_id) values (?, ?) on conflict do nothing',
    [staffId, deviceId],
  );
  return tx.findOneOrFail(
    PinLockout,
    { staffId, deviceId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

/** 429 with when to try again, in the body and in `Retry-After`. */
function pinLocked(lockedUntil: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('PIN_LOCKED', 429, 'Too many wrong PINs: wait before trying again', {
    details: { lockedUntil: lockedUntil.toISOString(), retryAfterSeconds },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
