import { z } from 'zod';
import { CalendarDay } from '../validations.ts';

/** Every action the audit log records. Names are `<resources>.<verb>`, like realtime events. */
export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.pin_signed_in',
  'auth.pin_locked_out',
  'staff.created',
  'staff.updated',
  'staff.deactivated',
  'staff.reactivated',
  'staff.pin_reset',
  'staff.settings_changed',
  'devices.paired',
  'devices.renamed',
  'devices.revoked',
  'members.invited',
  'members.invitation_revoked',
  'members.joined',
  'members.removed',
  'menu.price_changed',
  'orders.item_voided',
  'orders.discounted',
  'cash.closed',
  'sales.voided',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_KINDS = ['user', 'staff', 'device', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_ENTITY_TYPES = [
  'staff',
  'device',
  'membership',
  'invitation',
  'product',
  'option',
  'order',
  'cash_session',
  'sale',
  'settings',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AuditEntryView = z.object({
  /** Increasing: newer entries have larger ids. */
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({
    kind: z.enum(AUDIT_ACTOR_KINDS),
    id: z.string().nullable(),
    /** The name (staff) or e-mail (user) at the time, kept even if the person changes later. */
    name: z.string(),
  }),
  device: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  branchId: z.uuid().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z
    .object({
      type: z.enum(AUDIT_ENTITY_TYPES),
      id: z.string(),
      label: z.string().nullable(),
    })
    .nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** `GET /api/tenant/audit` filters; all optional, combined with AND. Newest first. */
export const AuditQuery = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Entries of every action under a resource, e.g. `staff` or `auth`. */
  actionGroup: z
    .string()
    .regex(/^[a-z_]{1,30}$/)
    .optional(),
  actorId: z.string().max(64).optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: z.string().max(64).optional(),
  branchId: z.uuid().optional(),
  /** Lima calendar days, inclusive. */
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  /** The `nextCursor` of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntryView),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
