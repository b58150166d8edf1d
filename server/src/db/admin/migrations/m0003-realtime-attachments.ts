import { Migration } from '@mikro-orm/migrations';

/**
 * The Socket.IO adapter shares broadcasts between instances with NOTIFY on the admin database,
 * whose payload stops at 8000 bytes: a bigger message (an order with many dishes) is stored
 * here and the notification carries its id. Rows live for seconds (the adapter deletes them
 * after 30 s) and mean nothing after a crash, so the table is unlogged: no WAL for each one.
 */
export class M0003RealtimeAttachments extends Migration {
  override name = '0003_realtime_attachments';

  override up(): void {
    this.addSql(`
      create unlogged table "socket_io_attachments" (
        "id" bigserial primary key,
        "created_at" timestamptz not null default now(),
        "payload" bytea not null
      )`);
  }

  override down(): void {
    this.addSql('drop table "socket_io_attachments"');
  }
}
