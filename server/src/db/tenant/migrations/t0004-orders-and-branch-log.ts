import { Migration } from '@mikro-orm/migrations';

/**
 * Live service: orders with their tables, rounds and items; kitchen tickets (one round's items
 * for one station); the kitchen's timing per branch; and the branch event log with its two
 * gap-free sequences (floor and kitchen), which clients catch up from after a disconnect.
 */
export class T0004OrdersAndBranchLog extends Migration {
  override name = '0004_orders_and_branch_log';

  override up(): void {
    this.addSql(`
      alter table "branches"
        add column "kitchen_warn_minutes" int not null default 10 check ("kitchen_warn_minutes" > 0),
        add column "kitchen_late_minutes" int not null default 20 check ("kitchen_late_minutes" > 0)`);

    // One row per branch, locked by every write that appends to its log: the sequences are
    // assigned in commit order, so a client that saw N never misses a smaller one later.
    this.addSql(`
      create table "branch_counters" (
        "branch_id" uuid primary key references "branches" ("id"),
        "floor_seq" bigint not null default 0,
        "kitchen_seq" bigint not null default 0,
        "order_day" date null,
        "order_number" int not null default 0
      )`);
    this.addSql(`
      create table "branch_events" (
        "branch_id" uuid not null references "branches" ("id"),
        "seq" bigint not null,
        "kitchen_seq" bigint null,
        "type" varchar(40) not null,
        "payload" jsonb not null,
        "occurred_at" timestamptz not null,
        primary key ("branch_id", "seq")
      )`);
    this.addSql(
      `create unique index "branch_events_kitchen_seq_unique" on "branch_events" ("branch_id", "kitchen_seq") where "kitchen_seq" is not null`,
    );

    // Who took an order, sent a round or voided an item is named as the actor is: a staff
    // member's name, or an owner's or admin's e-mail (up to 254 characters).
    this.addSql(`
      create table "orders" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "business_day" date not null,
        "number" int not null check ("number" > 0),
        "type" text not null check ("type" in ('dine_in', 'takeaway', 'delivery')),
        "status" text not null default 'open'
          check ("status" in ('open', 'bill_requested', 'closed', 'cancelled', 'merged')),
        "guests" int null check ("guests" > 0),
        "customer_name" varchar(60) null,
        "customer_phone" varchar(20) null,
        "customer_address" varchar(160) null,
        "note" varchar(200) null,
        "waiter_kind" text not null check ("waiter_kind" in ('user', 'staff')),
        "waiter_id" varchar(64) not null,
        "waiter_name" varchar(254) not null,
        "device_id" uuid null,
        "opened_at" timestamptz not null,
        "bill_requested_at" timestamptz null,
        "closed_at" timestamptz null,
        "merged_into_id" uuid null references "orders" ("id"),
        "updated_at" timestamptz not null,
        unique ("branch_id", "business_day", "number")
      )`);
    this.addSql(
      `create index "orders_branch_live_index" on "orders" ("branch_id", "opened_at") where "status" in ('open', 'bill_requested')`,
    );

    // The tables an order sits at. While it is live (released_at null) a table belongs to one
    // order only: two waiters opening the same table at once cannot both succeed.
    this.addSql(`
      create table "order_tables" (
        "order_id" uuid not null references "orders" ("id"),
        "table_id" uuid not null references "dining_tables" ("id"),
        "position" int not null default 0,
        "joined_at" timestamptz not null,
        "released_at" timestamptz null,
        primary key ("order_id", "table_id")
      )`);
    this.addSql(
      `create unique index "order_tables_live_table_unique" on "order_tables" ("table_id") where "released_at" is null`,
    );

    this.addSql(`
      create table "order_rounds" (
        "id" uuid primary key,
        "order_id" uuid not null references "orders" ("id"),
        "number" int not null check ("number" > 0),
        "sent_at" timestamptz not null,
        "sent_by_id" varchar(64) not null,
        "sent_by_name" varchar(254) not null,
        unique ("order_id", "number")
      )`);

    this.addSql(`
      create table "kitchen_tickets" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "order_id" uuid not null references "orders" ("id"),
        "round_id" uuid not null references "order_rounds" ("id"),
        "station_id" uuid null references "kitchen_stations" ("id"),
        "status" text not null default 'pending' check ("status" in ('pending', 'preparing', 'ready')),
        "created_at" timestamptz not null,
        "started_at" timestamptz null,
        "ready_at" timestamptz null,
        "recalled_at" timestamptz null
      )`);
    this.addSql(
      `create index "kitchen_tickets_on_screen_index" on "kitchen_tickets" ("branch_id", "created_at") where "status" <> 'ready'`,
    );
    this.addSql(
      `create index "kitchen_tickets_bumped_index" on "kitchen_tickets" ("branch_id", "ready_at") where "status" = 'ready'`,
    );
    this.addSql(`create index "kitchen_tickets_order_id_index" on "kitchen_tickets" ("order_id")`);

    this.addSql(`
      create table "order_items" (
        "id" uuid primary key,
        "order_id" uuid not null references "orders" ("id"),
        "round_id" uuid not null references "order_rounds" ("id"),
        "ticket_id" uuid not null references "kitchen_tickets" ("id"),
        "product_id" uuid not null references "products" ("id"),
        "name" varchar(80) not null,
        "quantity" int not null check ("quantity" > 0),
        "unit_price_cents" int not null,
        "options" jsonb not null default '[]',
        "note" varchar(140) null,
        "station_id" uuid null references "kitchen_stations" ("id"),
        "position" int not null default 0,
        "status" text not null default 'pending'
          check ("status" in ('pending', 'preparing', 'ready', 'served', 'voided')),
        "started_at" timestamptz null,
        "ready_at" timestamptz null,
        "served_at" timestamptz null,
        "voided_at" timestamptz null,
        "void_reason" varchar(140) null,
        "voided_by_name" varchar(254) null
      )`);
    this.addSql(`create index "order_items_order_id_index" on "order_items" ("order_id")`);
    this.addSql(`create index "order_items_ticket_id_index" on "order_items" ("ticket_id")`);
  }

  override down(): void {
    for (const table of [
      'order_items',
      'kitchen_tickets',
      'order_rounds',
      'order_tables',
      'orders',
      'branch_events',
      'branch_counters',
    ]) {
      this.addSql(`drop table "${table}"`);
    }
    this.addSql(
      `alter table "branches" drop column "kitchen_warn_minutes", drop column "kitchen_late_minutes"`,
    );
  }
}
