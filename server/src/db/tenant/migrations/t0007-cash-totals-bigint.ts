import { Migration } from '@mikro-orm/migrations';

/**
 * A session's expected cash and its difference are sums over a whole shift: its cash sales and
 * every movement in or out, each up to S/ 999,999.99. As `int` they overflowed past S/ 21 million
 * and the close failed with a 500, leaving the till open; `bigint` holds any shift.
 */
export class T0007CashTotalsBigint extends Migration {
  override name = '0007_cash_totals_bigint';

  override up(): void {
    this.addSql(`
      alter table "cash_sessions"
        alter column "expected_cents" type bigint,
        alter column "difference_cents" type bigint`);
  }

  override down(): void {
    this.addSql(`
      alter table "cash_sessions"
        alter column "expected_cents" type int,
        alter column "difference_cents" type int`);
  }
}
