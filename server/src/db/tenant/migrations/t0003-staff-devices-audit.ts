import { Migration } from '@mikro-orm/migrations';

/**
 * Staff who sign in with a PIN, the devices paired to a branch, the staff sessions on those
 * devices, PIN lockouts (kept here so a restart does not lift them) and the audit log.
 */
export class T0003StaffDevicesAudit extends Migration {
  override name = '0003_staff_devices_audit';

  override up(): void {
    this.addSql(`
      create table "staff" (
        "id" uuid primary key,
        "name" varchar(60) not null,
        "name_key" varchar(60) not null,
        "role" text not null check ("role" in ('cashier', 'waiter', 'kitchen')),
        "pin_hash" text not null,
        "active" boolean not null default true,
        "last_sign_in_at" timestamptz null,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    // Two active people with the same name could not tell their buttons apart on the PIN screen.
    this.addSql(`create unique index "staff_active_name_key_unique" on "staff" ("name_key") where "active"`);
    this.addSql(`
      create table "staff_branches" (
        "staff_id" uuid not null references "staff" ("id") on delete cascade,
        "branch_id" uuid not null references "branches" ("id"),
        primary key ("staff_id", "branch_id")
      )`);
    this.addSql(`create index "staff_branches_branch_id_index" on "staff_branches" ("branch_id")`);
    this.addSql(`
      create table "devices" (
        "id" uuid primary key,
        "name" varchar(60) not null,
        "kind" text not null check ("kind" in ('shared_phone', 'cash_desk', 'kitchen_screen')),
        "branch_id" uuid not null references "branches" ("id"),
        "token_hash" varchar(64) not null,
        "paired_by_user_id" uuid null,
        "paired_at" timestamptz not null,
        "last_seen_at" timestamptz null,
        "revoked_at" timestamptz null
      )`);
    this.addSql(`create index "devices_branch_id_index" on "devices" ("branch_id")`);
    this.addSql(`
      create table "staff_sessions" (
        "id" varchar(32) primary key,
        "secret_hash" varchar(64) not null,
        "staff_id" uuid not null references "staff" ("id") on delete cascade,
        "device_id" uuid not null references "devices" ("id") on delete cascade,
        "branch_id" uuid not null references "branches" ("id"),
        "created_at" timestamptz not null,
        "last_active_at" timestamptz not null,
        "expires_at" timestamptz not null
      )`);
    this.addSql(`create index "staff_sessions_staff_id_index" on "staff_sessions" ("staff_id")`);
    this.addSql(`create index "staff_sessions_device_id_index" on "staff_sessions" ("device_id")`);
    this.addSql(`
      create table "pin_lockouts" (
        "staff_id" uuid not null references "staff" ("id") on delete cascade,
        "device_id" uuid not null references "devices" ("id") on delete cascade,
        "failed_attempts" int not null default 0,
        "lockouts" int not null default 0,
        "locked_until" timestamptz null,
        "last_failed_at" timestamptz null,
        primary key ("staff_id", "device_id")
      )`);
    this.addSql(`
      create table "audit_log" (
        "id" bigint generated always as identity primary key,
        "occurred_at" timestamptz not null,
        "actor_kind" text not null check ("actor_kind" in ('user', 'staff', 'device', 'system')),
        "actor_id" varchar(64) null,
        "actor_name" varchar(254) not null,
        "device_id" uuid null,
        "device_name" varchar(60) null,
        "branch_id" uuid null,
        "action" varchar(60) not null,
        "entity_type" varchar(40) null,
        "entity_id" varchar(64) null,
        "entity_label" varchar(160) null,
        "before" jsonb null,
        "after" jsonb null
      )`);
    this.addSql(`create index "audit_log_occurred_at_index" on "audit_log" ("occurred_at")`);
    this.addSql(`create index "audit_log_action_index" on "audit_log" ("action", "id")`);
    this.addSql(`create index "audit_log_actor_id_index" on "audit_log" ("actor_id", "id")`);
    this.addSql(`create index "audit_log_entity_index" on "audit_log" ("entity_type", "entity_id", "id")`);
    this.addSql(`create index "audit_log_branch_id_index" on "audit_log" ("branch_id", "id")`);
  }

  override down(): void {
    this.addSql(
      'drop table "audit_log", "pin_lockouts", "staff_sessions", "devices", "staff_branches", "staff"',
    );
  }
}
