import { Migration } from '@mikro-orm/migrations';

export class T0001Settings extends Migration {
  override name = '0001_settings';

  override up(): void {
    this.addSql(`
      create table "settings" (
        "key" varchar(64) primary key,
        "value" jsonb not null,
        "updated_at" timestamptz not null
      )`);
  }

  override down(): void {
    this.addSql('drop table "settings"');
  }
}
