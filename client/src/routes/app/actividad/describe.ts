import {
  MEMBERSHIP_ROLES,
  PIN_ATTEMPTS_BEFORE_LOCKOUT,
  STAFF_ROLES,
  type AuditEntryView,
  type MembershipRole,
  type StaffRole,
} from '@smartket/shared';
import { z } from 'zod';
import { t } from '#lib/i18n/index.ts';
import { formatPenInline } from '#lib/money.ts';

/*
 * The audit log keeps before/after as free-form JSON: each reader below takes only the keys it
 * knows and falls back to a plainer sentence when they are missing, so an entry written by an
 * older (or newer) server still reads as Spanish, never as JSON.
 */
const Named = z.object({ name: z.string().min(1) });
const StaffFields = z.object({
  name: z.string().optional(),
  role: z.enum(STAFF_ROLES).optional(),
  branchIds: z.array(z.string()).optional(),
});
const WithMemberRole = z.object({ role: z.enum(MEMBERSHIP_ROLES) });
const WithStaffRole = z.object({ role: z.enum(STAFF_ROLES) });
const Price = z.union([
  z.object({ priceCents: z.int() }).transform((value) => value.priceCents),
  z.object({ priceDeltaCents: z.int() }).transform((value) => value.priceDeltaCents),
]);
const IdleLock = z.object({ idleLockMinutes: z.int() });
const Attempts = z.union([
  z.object({ failedAttempts: z.int().positive() }).transform((value) => value.failedAttempts),
  z.object({ attempts: z.int().positive() }).transform((value) => value.attempts),
]);

function read<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A role as a sentence says it, lower case: "Agregó a Rosa como mozo", "…como administrador". */
function roleInSentence(role: MembershipRole | StaffRole): string {
  return t(`activity.role.${role}`);
}

/** The name of what the entry is about, as it was then. */
function subject(entry: AuditEntryView): string {
  return (
    entry.entity?.label ??
    read(Named, entry.after)?.name ??
    read(Named, entry.before)?.name ??
    t('activity.someone')
  );
}

/** "rol: Mozo → Cajero; cambió sus locales" for an edit of a staff member. */
function staffChanges(entry: AuditEntryView): string[] {
  const before = read(StaffFields, entry.before);
  const after = read(StaffFields, entry.after);
  if (!before || !after) {
    return [];
  }
  const changes: string[] = [];
  if (before.name && after.name && before.name !== after.name) {
    changes.push(t('activity.change.name', { before: before.name, after: after.name }));
  }
  if (before.role && after.role && before.role !== after.role) {
    changes.push(
      t('activity.change.role', {
        before: roleInSentence(before.role),
        after: roleInSentence(after.role),
      }),
    );
  }
  if (after.branchIds) {
    changes.push(t('activity.change.branches'));
  }
  return changes;
}

/** What happened, in one plain sentence: "Cambió el precio de Pollo a la brasa 1/4: S/ 18.00 → S/ 19.50". */
export function describeEntry(entry: AuditEntryView): string {
  const name = subject(entry);
  switch (entry.action) {
    case 'auth.signed_in':
    case 'auth.pin_signed_in':
    case 'staff.deactivated':
    case 'staff.reactivated':
    case 'staff.pin_reset':
    case 'devices.paired':
    case 'devices.revoked':
    case 'members.invitation_revoked':
    case 'members.removed':
    case 'orders.item_voided':
    case 'orders.discounted':
    case 'cash.closed':
    case 'sales.voided':
      return t(`activity.action.${entry.action}`, { name });
    case 'auth.pin_locked_out': {
      const count = read(Attempts, entry.after) ?? PIN_ATTEMPTS_BEFORE_LOCKOUT;
      // The person locked out is the actor (they typed the PIN), unless the entry names them.
      const who = entry.entity?.label ?? entry.actor.name;
      return entry.device
        ? t('activity.action.auth.pin_locked_out_device', { name: who, device: entry.device.name, count })
        : t('activity.action.auth.pin_locked_out', { name: who, count });
    }
    case 'staff.created': {
      const role = read(WithStaffRole, entry.after)?.role;
      return role
        ? t('activity.action.staff.created', { name, role: roleInSentence(role) })
        : t('activity.action.staff.created_plain', { name });
    }
    case 'staff.updated': {
      const changes = staffChanges(entry);
      const text = t('activity.action.staff.updated', { name });
      return changes.length > 0 ? `${text} (${changes.join('; ')})` : text;
    }
    case 'staff.settings_changed': {
      const before = read(IdleLock, entry.before)?.idleLockMinutes;
      const after = read(IdleLock, entry.after)?.idleLockMinutes;
      return before !== undefined && after !== undefined
        ? t('activity.action.staff.settings_changed_minutes', { before, after })
        : t('activity.action.staff.settings_changed');
    }
    case 'devices.renamed': {
      const before = read(Named, entry.before)?.name;
      const after = read(Named, entry.after)?.name;
      return before && after
        ? t('activity.action.devices.renamed', { before, after })
        : t('activity.action.devices.renamed_plain', { name });
    }
    case 'members.invited': {
      const role = read(WithMemberRole, entry.after)?.role;
      return role
        ? t('activity.action.members.invited', { name, role: roleInSentence(role) })
        : t('activity.action.members.invited_plain', { name });
    }
    case 'members.joined': {
      const role = read(WithMemberRole, entry.after)?.role;
      return role
        ? t('activity.action.members.joined', { role: roleInSentence(role) })
        : t('activity.action.members.joined_plain');
    }
    case 'menu.price_changed': {
      const before = read(Price, entry.before);
      const after = read(Price, entry.after);
      return before !== null && after !== null
        ? t('activity.action.menu.price_changed', {
            name,
            before: formatPenInline(before),
            after: formatPenInline(after),
          })
        : t('activity.action.menu.price_changed_plain', { name });
    }
  }
}

/** Who did it: "Rosa · Celular mozos 1", an e-mail for owners and admins, "SmartKet" for the system. */
export function describeActor(entry: AuditEntryView): string {
  const name = entry.actor.kind === 'system' ? t('activity.system') : entry.actor.name;
  return entry.device && entry.actor.kind !== 'device' ? `${name} · ${entry.device.name}` : name;
}
