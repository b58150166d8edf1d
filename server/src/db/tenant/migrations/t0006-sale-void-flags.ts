import { Migration } from '@mikro-orm/migrations';

/**
 * What a void settled, kept on the sale instead of read from clocks:
 * - `voided_after_close`: the void found its session closed (it waited for that close, under the
 *   session's lock), so the sale's cash was in the drawer counted then and went back out of
 *   another one. The closing report counts it as completed; a request's clock cannot say this —
 *   a close stamped before a void may still have waited for it.
 * - `refunded`: a void of a closed order's part as a refund: that consumption is written off,
 *   the order does not owe it again.
 * Sales voided before this read the flag off their times, as the reports did until now.
 */
export class T0006SaleVoidFlags extends Migration {
  override name = '0006_sale_void_flags';

  override up(): void {
    this.addSql(`
      alter table "sales"
        add column "voided_after_close" boolean not null default false,
        add column "refunded" boolean not null default false,
        add check ("status" = 'voided' or not ("voided_after_close" or "refunded"))`);
    this.addSql(`
      update "sales" sa set "voided_after_close" = true
        from "cash_sessions" s
       where s."id" = sa."session_id" and sa."status" = 'voided' and sa."voided_at" > s."closed_at"`);
  }

  override down(): void {
    this.addSql(`alter table "sales" drop column "voided_after_close", drop column "refunded"`);
  }
}
