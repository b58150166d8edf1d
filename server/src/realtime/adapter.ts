import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../lib/logger.ts';

/**
 * Where a message over NOTIFY's 8000-byte limit (an order with many dishes) waits for the other
 * instances: the notification carries only its row id. Created by admin migration 0003; the
 * adapter deletes rows older than its cleanup interval (30 s).
 */
export const REALTIME_ATTACHMENTS_TABLE = 'socket_io_attachments';

export interface RealtimeCluster {
  /** Socket.IO's adapter: every instance's broadcasts and disconnections reach every socket. */
  adapter: ServerOptions['adapter'];
  /** Ends the adapter's database connections. Call after Socket.IO has closed. */
  close(): Promise<void>;
}

/**
 * Lets several SmartKet instances share their sockets through the admin database: each
 * broadcast, and each disconnection of a room, is also sent as a NOTIFY that the other
 * instances LISTEN for. Only the admin database, on the adapter's own connections — a tenant
 * database never sees a NOTIFY, and the broadcaster publishes after the tenant transaction has
 * committed, so a NOTIFY never holds up a write.
 *
 * Two connections: one held for LISTEN, one that sends every NOTIFY in turn, so the other
 * instances hear messages in the order they were sent (an event before the disconnection that
 * follows it) — except that a message over 8000 bytes is read back from a table and may be
 * overtaken by a small one sent after it; branch events carry their sequence number for that.
 * A lost connection is logged and the adapter connects again; nothing it does can throw out of
 * the process. A message missed meanwhile is what the branch event log and its catch-up are for.
 */
export function createRealtimeCluster(adminUrl: string, logger: Logger): RealtimeCluster {
  const pool = new pg.Pool({
    connectionString: adminUrl,
    application_name: 'smartket-realtime',
    max: 2,
    // A broadcast reaches this instance's own sockets once its NOTIFY is sent (or has failed):
    // an unreachable database delays it by this much, never forever.
    connectionTimeoutMillis: 5_000,
    // A LISTEN connection that silently died would otherwise wait for notifications forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });

  let closing = false;
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => {
    checkedOut.add(client);
    if (closing) {
      // Socket.IO closed while the adapter was still opening its LISTEN connection (a start
      // that failed at once): it keeps what arrives after its close, and the pool would never end.
      setImmediate(() => void giveBack(client));
    }
  });
  pool.on('release', (_error, client) => {
    checkedOut.delete(client);
    // The adapter gives its LISTEN connection back when Socket.IO closes, and a broadcast still
    // waiting for a connection may take it next: from now on it must not look like the LISTEN
    // one, or `end` and `giveBack` below would release it a second time under that query.
    client.removeAllListeners('notification');
  });
  pool.on('connect', (client) => {
    // The pool watches only its idle connections; the LISTEN one is always checked out, and an
    // error on it with nobody listening would end the process.
    client.on('error', (error) => {
      logger.warn({ err: error }, 'realtime adapter lost its database connection');
    });
    client.on('end', () => {
      // The adapter opens a new LISTEN connection when its own ends, but never gives the dead
      // one back: two database restarts would leave the pool full and every broadcast waiting.
      if (checkedOut.has(client) && isListening(client)) {
        client.release(true);
      }
    });
  });
  // Idle connections that fail are dropped by the pool; their client listener has logged it.
  pool.on('error', () => undefined);

  /**
   * Gives back a LISTEN connection the adapter did not, once its LISTEN has run (queries on a
   * connection run in turn) — cut short, the adapter would retry every two seconds, forever —
   * and without the adapter's reconnect-on-end.
   */
  async function giveBack(client: pg.PoolClient): Promise<void> {
    if (!isListening(client)) {
      return;
    }
    await client.query('select 1').catch(() => undefined);
    if (checkedOut.has(client)) {
      client.removeAllListeners('end');
      client.release();
    }
  }

  const adapter = createAdapter(pool, {
    tableName: REALTIME_ATTACHMENTS_TABLE,
    errorHandler: (error) => {
      logger.error({ err: error }, 'realtime adapter failed: another instance may miss a broadcast');
    },
  });

  return {
    adapter,
    close: async () => {
      closing = true;
      await Promise.all([...checkedOut].map(giveBack));
      await pool.end();
    },
  };
}

/** The adapter's LISTEN connection: the only one it registers a notification handler on. */
function isListening(client: pg.PoolClient): boolean {
  return client.listenerCount('notification') > 0;
}
