import { Migration } from '@mikro-orm/migrations';

/**
 * What an owner or admin is called in the restaurant: orders, kitchen tickets and receipts name
 * them by it instead of their e-mail. Sign-up asks for it; accounts made before stay null until
 * their owner adds one (meanwhile they go by their e-mail's part before the @).
 */
export class M0004UserDisplayNames extends Migration {
  override name = '0004_user_display_names';

  override up(): void {
    this.addSql(`alter table "users" add column "display_name" varchar(60) null`);
  }

  override down(): void {
    this.addSql(`alter table "users" drop column "display_name"`);
  }
}
