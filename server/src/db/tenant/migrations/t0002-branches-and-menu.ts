import { Migration } from '@mikro-orm/migrations';

/**
 * Branches with their zones, tables and cash registers; kitchen stations; and the menu:
 * categories, products, option groups and their options. Nothing is ever deleted — records are
 * deactivated, so orders and reports keep pointing at them.
 */
export class T0002BranchesAndMenu extends Migration {
  override name = '0002_branches_and_menu';

  override up(): void {
    this.addSql(`
      create table "branches" (
        "id" uuid primary key,
        "name" varchar(60) not null,
        "address" varchar(160) null,
        "district" varchar(60) null,
        "timezone" varchar(64) not null default 'America/Lima',
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    this.addSql(`
      create table "zones" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "name" varchar(60) not null,
        "position" int not null default 0,
        "active" boolean not null default true,
        "created_at" timestamptz not null
      )`);
    this.addSql(`create index "zones_branch_id_index" on "zones" ("branch_id")`);
    this.addSql(`
      create table "dining_tables" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "zone_id" uuid not null references "zones" ("id"),
        "number" int not null check ("number" > 0),
        "name" varchar(30) not null,
        "seats" int not null default 4 check ("seats" > 0),
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    // A retired table's number can be given to a new one.
    this.addSql(
      `create unique index "dining_tables_branch_number_unique" on "dining_tables" ("branch_id", "number") where "active"`,
    );
    this.addSql(`
      create table "cash_registers" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "name" varchar(60) not null,
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    this.addSql(`create index "cash_registers_branch_id_index" on "cash_registers" ("branch_id")`);
    this.addSql(`
      create table "kitchen_stations" (
        "id" uuid primary key,
        "name" varchar(60) not null,
        "position" int not null default 0,
        "active" boolean not null default true,
        "created_at" timestamptz not null
      )`);
    this.addSql(`create unique index "kitchen_stations_name_unique" on "kitchen_stations" (lower("name"))`);
    this.addSql(`
      create table "branch_stations" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "station_id" uuid not null references "kitchen_stations" ("id"),
        unique ("branch_id", "station_id")
      )`);
    this.addSql(`
      create table "categories" (
        "id" uuid primary key,
        "name" varchar(80) not null,
        "colour" varchar(7) not null,
        "station_id" uuid null references "kitchen_stations" ("id"),
        "position" int not null default 0,
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    this.addSql(`create unique index "categories_name_unique" on "categories" (lower("name"))`);
    this.addSql(`
      create table "products" (
        "id" uuid primary key,
        "category_id" uuid not null references "categories" ("id"),
        "name" varchar(80) not null,
        "price_cents" int not null check ("price_cents" >= 0),
        "station_id" uuid null references "kitchen_stations" ("id"),
        "sku" varchar(40) null,
        "description" varchar(300) null,
        "position" int not null default 0,
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null
      )`);
    // Names and SKUs identify a product to the owner and to a re-imported spreadsheet.
    this.addSql(`create unique index "products_name_unique" on "products" (lower("name"))`);
    this.addSql(`create unique index "products_sku_unique" on "products" ("sku") where "sku" is not null`);
    this.addSql(`create index "products_category_id_index" on "products" ("category_id")`);
    this.addSql(`
      create table "option_groups" (
        "id" uuid primary key,
        "name" varchar(60) not null,
        "required" boolean not null default false,
        "min_choices" int not null default 0 check ("min_choices" >= 0),
        "max_choices" int not null default 1 check ("max_choices" >= 1),
        "position" int not null default 0,
        "active" boolean not null default true,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null,
        check ("min_choices" <= "max_choices")
      )`);
    this.addSql(`
      create table "options" (
        "id" uuid primary key,
        "option_group_id" uuid not null references "option_groups" ("id"),
        "name" varchar(60) not null,
        "price_delta_cents" int not null default 0,
        "position" int not null default 0,
        "active" boolean not null default true
      )`);
    this.addSql(`create index "options_option_group_id_index" on "options" ("option_group_id")`);
    this.addSql(`
      create table "product_option_groups" (
        "id" uuid primary key,
        "product_id" uuid not null references "products" ("id"),
        "option_group_id" uuid not null references "option_groups" ("id"),
        "position" int not null default 0,
        unique ("product_id", "option_group_id")
      )`);
  }

  override down(): void {
    for (const table of [
      'product_option_groups',
      'options',
      'option_groups',
      'products',
      'categories',
      'branch_stations',
      'kitchen_stations',
      'cash_registers',
      'dining_tables',
      'zones',
      'branches',
    ]) {
      this.addSql(`drop table "${table}"`);
    }
  }
}
