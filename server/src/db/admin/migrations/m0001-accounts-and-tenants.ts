import { Migration } from '@mikro-orm/migrations';

export class M0001AccountsAndTenants extends Migration {
  override name = '0001_accounts_and_tenants';

  override up(): void {
    this.addSql(`
      create table "tenants" (
        "id" uuid primary key,
        "slug" varchar(40) not null unique,
        "business_name" varchar(80) not null,
        "line_of_business" text null check ("line_of_business" in
          ('polleria', 'restaurante', 'cevicheria', 'chifa', 'cafeteria', 'comida_rapida', 'otro')),
        "plan" text not null default 'trial' check ("plan" in ('trial', 'pro')),
        "status" text not null default 'provisioning' check ("status" in ('provisioning', 'active', 'suspended')),
        "database_name" varchar(63) not null unique,
        "database_role" varchar(63) not null unique,
        "database_password_sealed" text not null,
        "database_host" varchar(255) not null default 'primary',
        "setup_complete" boolean not null default false,
        "active_modules" jsonb not null default '[]',
        "trial_ends_at" timestamptz null,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    this.addSql(`
      create table "users" (
        "id" uuid primary key,
        "email" varchar(254) not null unique,
        "password_hash" text not null,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    this.addSql(`
      create table "tenant_memberships" (
        "id" uuid primary key,
        "user_id" uuid not null references "users" ("id") on delete cascade,
        "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
        "role" text not null check ("role" in ('owner', 'admin')),
        "created_at" timestamptz not null,
        unique ("user_id", "tenant_id")
      )`);
    this.addSql(`create index "tenant_memberships_tenant_id_index" on "tenant_memberships" ("tenant_id")`);
    this.addSql(`
      create table "sessions" (
        "id" varchar(32) primary key,
        "secret_hash" varchar(64) not null,
        "user_id" uuid not null references "users" ("id") on delete cascade,
        "active_tenant_id" uuid null references "tenants" ("id") on delete set null,
        "expires_at" timestamptz not null,
        "created_at" timestamptz not null
      )`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id")`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at")`);
  }

  override down(): void {
    this.addSql('drop table "sessions", "tenant_memberships", "users", "tenants"');
  }
}
