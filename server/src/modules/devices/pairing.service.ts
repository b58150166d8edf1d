import type { EntityManager } from '@mikro-orm/core';
import { actingName } from '@smartket/shared';
import { selectRows } from '../../db/queries.ts';
import { AppError } from '../../lib/errors.ts';
import { hashToken } from '../../lib/tokens.ts';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.ts';
import { User } from '../auth/user.entity.ts';
import { Branch } from '../branches/branch.entity.ts';
import { readStaffSettings } from '../staff/staff-settings.ts';
import { Tenant } from '../tenants/tenant.entity.ts';
import { issueDeviceToken, type DeviceAuthenticator } from './device-credentials.ts';
import { Device } from './device.entity.ts';
import type { DeviceSession } from './devices.presenter.ts';
import { loadDeviceSession } from './devices.service.ts';
import { PairingCode } from './pairing-code.entity.ts';

/** A code claimed by this request: nobody else can use it any more. */
interface ClaimedCode {
  id: string;
  tenantId: string;
  branchId: string;
  kind: Device['kind'];
  deviceName: string;
  createdByUserId: string | null;
}

/**
 * Pairs the device that typed (or scanned) a code: claims the code — once, however many devices
 * try it at the same moment — and creates the device in the business's own database. Answers
 * the device's credential (for its cookie, never stored) and its session.
 */
export async function pairDevice(
  adminEm: EntityManager,
  devices: DeviceAuthenticator,
  code: string,
  now: Date,
): Promise<{ token: string; session: DeviceSession }> {
  const codeHash = hashToken(code);
  const claimed = await claimCode(adminEm, codeHash, now);
  try {
    const tenant = await adminEm.findOne(
      Tenant,
      { id: claimed.tenantId, status: 'active' },
      { populate: ['databasePasswordSealed'] },
    );
    if (!tenant) {
      throw invalidCode();
    }
    const creator = claimed.createdByUserId
      ? await adminEm.findOne(User, { id: claimed.createdByUserId })
      : null;
    const paired = await devices.inTenantDatabase(tenant, async (em) => {
      const created = await em.transactional(async (tx) => {
        const branch = await tx.findOne(Branch, { id: claimed.branchId, active: true });
        if (!branch) {
          throw new AppError('PAIRING_CODE_INVALID', 409, 'The branch of this code was closed');
        }
        const deviceId = crypto.randomUUID();
        const { token, tokenHash } = issueDeviceToken(tenant.id, deviceId);
        const device = tx.create(Device, {
          id: deviceId,
          name: claimed.deviceName,
          kind: claimed.kind,
          branchId: branch.id,
          tokenHash,
          pairedByUserId: creator?.id ?? null,
          pairedAt: now,
          lastSeenAt: now,
          revokedAt: null,
        });
        const pairedBy: AuditActor = creator
          ? { kind: 'user', id: creator.id, name: actingName(creator), device: null }
          : SYSTEM_ACTOR;
        recordAudit(
          tx,
          { ...pairedBy, device: { id: deviceId, name: device.name } },
          {
            action: 'devices.paired',
            entity: { type: 'device', id: deviceId, label: device.name },
            after: { name: device.name, kind: device.kind, branchId: branch.id },
            branchId: branch.id,
          },
          now,
        );
        await tx.flush();
        return { token, device };
      });
      const { idleLockMinutes } = await readStaffSettings(em);
      const session = await loadDeviceSession({ em, tenant, device: created.device, idleLockMinutes }, null);
      return { token: created.token, session };
    });
    await selectRows(adminEm, 'update device_pairing_codes set device_id = ? where id = ? returning id', [
      paired.session.device.id,
      claimed.id,
    ]);
    return paired;
  } catch (error) {
    // Nothing was paired: the owner's code works again (a closed branch keeps refusing it).
    await selectRows(
      adminEm,
      'update device_pairing_codes set used_at = null where id = ? and device_id is null returning id',
      [claimed.id],
    );
    throw error;
  }
}

/**
 * One statement both checks and uses the code, so two devices typing it at once cannot both
 * pair. When nothing is claimed, a second look says why: unknown, used or expired.
 */
async function claimCode(adminEm: EntityManager, codeHash: string, now: Date): Promise<ClaimedCode> {
  const [claimed] = await selectRows<ClaimedCode>(
    adminEm,
    `update device_pairing_codes set used_at = ?
      where code_hash = ? and used_at is null and expires_at > ?
      returning id, tenant_id as "tenantId", branch_id as "branchId", kind,
                device_name as "deviceName", created_by_user_id as "createdByUserId"`,
    [now, codeHash, now],
  );
  if (claimed) {
    return claimed;
  }
  const existing = await adminEm.findOne(PairingCode, { codeHash });
  if (!existing) {
    throw invalidCode();
  }
  if (existing.usedAt) {
    throw new AppError('PAIRING_CODE_USED', 409, 'This pairing code was already used');
  }
  throw new AppError('PAIRING_CODE_EXPIRED', 410, 'This pairing code has expired', {
    details: { expiredAt: existing.expiresAt.toISOString() },
  });
}

function invalidCode(): AppError {
  return new AppError('PAIRING_CODE_INVALID', 404, 'Unknown pairing code');
}
