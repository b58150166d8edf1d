import { Migration } from '@mikro-orm/migrations';

/**
 * Checkout: discounts on orders, what an order has been paid; cash register sessions and their
 * movements; customers; receipt series with gapless correlatives; sales with their lines and
 * tenders. Money is integer céntimos, IGV included.
 */
export class T0005Checkout extends Migration {
  override name = '0005_checkout';

  override up(): void {
    // `version` goes up with every change to what an order costs: a charge names the version its
    // screen showed and is refused when the order changed meanwhile.
    this.addSql(`
      alter table "orders"
        add column "paid_cents" int not null default 0 check ("paid_cents" >= 0),
        add column "split_parts" int null check ("split_parts" between 2 and 20),
        add column "version" int not null default 1`);

    // One discount per item and one for the whole order (item_id null): setting it replaces it.
    this.addSql(`
      create table "order_discounts" (
        "id" uuid primary key,
        "order_id" uuid not null references "orders" ("id"),
        "item_id" uuid null references "order_items" ("id"),
        "kind" text not null check ("kind" in ('amount', 'percent')),
        "value" int not null check ("value" > 0),
        "reason" varchar(140) not null,
        "by_kind" text not null check ("by_kind" in ('user', 'staff', 'device')),
        "by_id" varchar(64) not null,
        "by_name" varchar(254) not null,
        "created_at" timestamptz not null,
        check ("kind" <> 'percent' or "value" <= 100)
      )`);
    this.addSql(
      `create unique index "order_discounts_target_unique" on "order_discounts" ("order_id", "item_id") nulls not distinct`,
    );

    this.addSql(`
      create table "cash_sessions" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "register_id" uuid not null references "cash_registers" ("id"),
        "status" text not null default 'open' check ("status" in ('open', 'closed')),
        "opening_float_cents" int not null check ("opening_float_cents" >= 0),
        "opened_by_kind" text not null check ("opened_by_kind" in ('user', 'staff', 'device')),
        "opened_by_id" varchar(64) not null,
        "opened_by_name" varchar(254) not null,
        "opened_at" timestamptz not null,
        "closed_by_kind" text null,
        "closed_by_id" varchar(64) null,
        "closed_by_name" varchar(254) null,
        "closed_at" timestamptz null,
        "counted_cents" int null,
        "counted_denominations" jsonb null,
        "expected_cents" int null,
        "difference_cents" int null,
        "closing_note" varchar(200) null
      )`);
    // One open session per register: two cashiers opening the same drawer at once, one wins.
    this.addSql(
      `create unique index "cash_sessions_open_register_unique" on "cash_sessions" ("register_id") where "status" = 'open'`,
    );
    this.addSql(`create index "cash_sessions_branch_index" on "cash_sessions" ("branch_id", "opened_at")`);

    this.addSql(`
      create table "cash_movements" (
        "id" uuid primary key,
        "session_id" uuid not null references "cash_sessions" ("id"),
        "kind" text not null check ("kind" in ('in', 'out')),
        "amount_cents" int not null check ("amount_cents" > 0),
        "reason" varchar(140) not null,
        "by_kind" text not null check ("by_kind" in ('user', 'staff', 'device')),
        "by_id" varchar(64) not null,
        "by_name" varchar(254) not null,
        "created_at" timestamptz not null
      )`);
    this.addSql(`create index "cash_movements_session_index" on "cash_movements" ("session_id")`);

    this.addSql(`
      create table "customers" (
        "id" uuid primary key,
        "doc_type" text null check ("doc_type" in ('dni', 'ruc')),
        "doc_number" varchar(11) null,
        "name" varchar(120) not null,
        "phone" varchar(20) null,
        "address" varchar(200) null,
        "email" varchar(254) null,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null,
        check (("doc_type" is null) = ("doc_number" is null))
      )`);
    this.addSql(`create unique index "customers_doc_number_unique" on "customers" ("doc_number")`);
    this.addSql(`create index "customers_phone_index" on "customers" ("phone")`);

    // Correlatives are taken with UPDATE … RETURNING inside the charge's transaction: the row
    // stays locked until commit, so numbers are unique and gapless (a rollback gives it back).
    this.addSql(`
      create table "receipt_series" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "type" text not null check ("type" in ('boleta', 'factura', 'nota_venta')),
        "prefix" varchar(4) not null unique,
        "next_number" int not null default 1 check ("next_number" > 0),
        "created_at" timestamptz not null,
        unique ("branch_id", "type")
      )`);

    this.addSql(`
      create table "sales" (
        "id" uuid primary key,
        "branch_id" uuid not null references "branches" ("id"),
        "order_id" uuid not null references "orders" ("id"),
        "session_id" uuid not null references "cash_sessions" ("id"),
        "register_id" uuid not null references "cash_registers" ("id"),
        "business_day" date not null,
        "receipt_type" text not null check ("receipt_type" in ('boleta', 'factura', 'nota_venta')),
        "series" varchar(4) not null,
        "number" int not null check ("number" > 0),
        "customer_id" uuid null references "customers" ("id"),
        "customer_doc_type" text null,
        "customer_doc_number" varchar(11) null,
        "customer_name" varchar(120) null,
        "customer_address" varchar(200) null,
        "part_kind" text not null check ("part_kind" in ('balance', 'items', 'equal')),
        "part_index" int null,
        "part_count" int null,
        "subtotal_cents" int not null,
        "discount_cents" int not null,
        "total_cents" int not null check ("total_cents" >= 0),
        "taxable_cents" int not null,
        "igv_cents" int not null,
        "tip_cents" int not null default 0 check ("tip_cents" >= 0),
        "change_cents" int not null default 0 check ("change_cents" >= 0),
        "status" text not null default 'completed' check ("status" in ('completed', 'voided')),
        "void_reason" varchar(140) null,
        "voided_at" timestamptz null,
        "voided_by_name" varchar(254) null,
        "charged_by_kind" text not null check ("charged_by_kind" in ('user', 'staff', 'device')),
        "charged_by_id" varchar(64) not null,
        "charged_by_name" varchar(254) not null,
        "created_at" timestamptz not null,
        unique ("series", "number"),
        check ("taxable_cents" + "igv_cents" = "total_cents")
      )`);
    this.addSql(`create index "sales_order_index" on "sales" ("order_id")`);
    this.addSql(`create index "sales_session_index" on "sales" ("session_id")`);
    this.addSql(`create index "sales_branch_day_index" on "sales" ("branch_id", "business_day")`);

    this.addSql(`
      create table "sale_lines" (
        "id" uuid primary key,
        "sale_id" uuid not null references "sales" ("id"),
        "order_item_id" uuid null references "order_items" ("id"),
        "description" varchar(200) not null,
        "quantity" int not null check ("quantity" > 0),
        "unit_price_cents" int not null,
        "discount_cents" int not null default 0,
        "amount_cents" int not null check ("amount_cents" >= 0),
        "position" int not null
      )`);
    this.addSql(`create index "sale_lines_sale_index" on "sale_lines" ("sale_id")`);
    this.addSql(`create index "sale_lines_order_item_index" on "sale_lines" ("order_item_id")`);

    this.addSql(`
      create table "sale_payments" (
        "id" uuid primary key,
        "sale_id" uuid not null references "sales" ("id"),
        "method" text not null check ("method" in ('cash', 'card', 'yape', 'plin', 'transfer')),
        "amount_cents" int not null check ("amount_cents" > 0),
        "received_cents" int null,
        "change_cents" int not null default 0 check ("change_cents" >= 0),
        "reference" varchar(40) null,
        "position" int not null
      )`);
    this.addSql(`create index "sale_payments_sale_index" on "sale_payments" ("sale_id")`);
  }

  override down(): void {
    for (const table of [
      'sale_payments',
      'sale_lines',
      'sales',
      'receipt_series',
      'customers',
      'cash_movements',
      'cash_sessions',
      'order_discounts',
    ]) {
      this.addSql(`drop table "${table}"`);
    }
    this.addSql(
      `alter table "orders" drop column "paid_cents", drop column "split_parts", drop column "version"`,
    );
  }
}
