import { Migration } from '@mikro-orm/migrations';

/**
 * Pairing codes and invitations live in the admin database: the device entering a code, and the
 * person opening an invitation link, do not know the tenant yet — the code or token finds it.
 * Only hashes are stored; both are single use.
 */
export class M0002PairingCodesAndInvitations extends Migration {
  override name = '0002_pairing_codes_and_invitations';

  override up(): void {
    this.addSql(`
      create table "device_pairing_codes" (
        "id" uuid primary key,
        "code_hash" varchar(64) not null unique,
        "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
        "branch_id" uuid not null,
        "kind" text not null check ("kind" in ('shared_phone', 'cash_desk', 'kitchen_screen')),
        "device_name" varchar(60) not null,
        "created_by_user_id" uuid null references "users" ("id") on delete set null,
        "created_at" timestamptz not null,
        "expires_at" timestamptz not null,
        "used_at" timestamptz null,
        "device_id" uuid null
      )`);
    this.addSql(
      `create index "device_pairing_codes_expires_at_index" on "device_pairing_codes" ("expires_at")`,
    );
    this.addSql(`
      create table "tenant_invitations" (
        "id" uuid primary key,
        "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
        "email" varchar(254) not null,
        "role" text not null check ("role" in ('owner', 'admin')),
        "token_hash" varchar(64) not null unique,
        "invited_by_user_id" uuid null references "users" ("id") on delete set null,
        "created_at" timestamptz not null,
        "expires_at" timestamptz not null,
        "accepted_at" timestamptz null,
        "accepted_by_user_id" uuid null references "users" ("id") on delete set null,
        "revoked_at" timestamptz null
      )`);
    this.addSql(
      `create index "tenant_invitations_tenant_id_index" on "tenant_invitations" ("tenant_id", "created_at")`,
    );
    // One open invitation per person and business: inviting again replaces the pending one.
    this.addSql(`
      create unique index "tenant_invitations_pending_unique" on "tenant_invitations" ("tenant_id", "email")
        where "accepted_at" is null and "revoked_at" is null`);
  }

  override down(): void {
    this.addSql('drop table "tenant_invitations", "device_pairing_codes"');
  }
}
