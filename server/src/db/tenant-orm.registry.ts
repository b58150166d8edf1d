import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { tenantOrmOptions } from './orm.ts';

/** Where one tenant's data lives; the registry never mixes two of them. */
export interface TenantDatabase {
  tenantId: string;
  databaseName: string;
  /** postgres:// URL connecting as the tenant's own role. */
  url: string;
}

export interface TenantLease {
  /** A fresh EntityManager bound to this tenant's database only. */
  em: EntityManager;
  release(): void;
}

export interface TenantOrmRegistryOptions {
  /** Most tenant ORMs kept at once. */
  cacheMax: number;
  /** Connections one tenant pool may open. */
  poolMax: number;
  /** Connections all tenant pools of this process may hold together. */
  connectionsMax: number;
  /** A pooled connection unused this long is closed (pools keep min 0). */
  idleSeconds: number;
  /** How long a request waits for a free slot when every cached tenant is busy. */
  waitMs?: number;
  logger: Logger;
}

interface Entry {
  tenantId: string;
  databaseName: string;
  orm: MikroORM;
  leases: number;
}

/**
 * A bounded, least-recently-used cache of per-tenant ORM instances with small lazy pools.
 * The number of instances times their pool size never exceeds the process-wide connection cap,
 * so thousands of tenants cannot exhaust `max_connections`. An instance in use is never
 * evicted; when all are busy a request waits briefly, then gets a 503.
 */
export class TenantOrmRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Set<() => void>();
  private readonly options: TenantOrmRegistryOptions;
  readonly capacity: number;

  constructor(options: TenantOrmRegistryOptions) {
    this.options = options;
    this.capacity = Math.max(
      1,
      Math.min(options.cacheMax, Math.floor(options.connectionsMax / options.poolMax)),
    );
  }

  /** Borrows the tenant's EntityManager; call `release()` when the request is done. */
  async lease(database: TenantDatabase): Promise<TenantLease> {
    const entry = await this.entryFor(database);
    entry.leases += 1;
    let released = false;
    return {
      em: entry.orm.em.fork(),
      release: () => {
        if (released) {
          return;
        }
        released = true;
        entry.leases -= 1;
        if (entry.leases === 0) {
          this.wakeOne();
        }
      },
    };
  }

  /** Runs `fn` with the tenant's EntityManager and releases it afterwards. */
  async withTenant<T>(database: TenantDatabase, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const lease = await this.lease(database);
    try {
      return await fn(lease.em);
    } finally {
      lease.release();
    }
  }

  /** Closes a tenant's pool now (before its database is dropped or moved). */
  async evict(tenantId: string): Promise<void> {
    const entry = this.entries.get(tenantId);
    if (!entry) {
      return;
    }
    this.entries.delete(tenantId);
    await entry.orm.close(true);
    this.wakeOne();
  }

  /** Closes every pool; used at shutdown. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((entry) => entry.orm.close(true)));
  }

  stats(): { cached: number; leased: number; capacity: number } {
    let leased = 0;
    for (const entry of this.entries.values()) {
      leased += entry.leases > 0 ? 1 : 0;
    }
    return { cached: this.entries.size, leased, capacity: this.capacity };
  }

  private async entryFor(database: TenantDatabase): Promise<Entry> {
    const deadline = Date.now() + (this.options.waitMs ?? 5_000);
    for (;;) {
      const cached = this.entries.get(database.tenantId);
      if (cached && cached.databaseName === database.databaseName) {
        // Re-inserting moves the key to the end: Map order is the recency order.
        this.entries.delete(database.tenantId);
        this.entries.set(database.tenantId, cached);
        return cached;
      }
      if (cached) {
        await this.evict(database.tenantId);
        continue;
      }
      if (this.entries.size < this.capacity || this.evictLeastRecentlyUsedIdle()) {
        return this.open(database);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AppError('SERVICE_UNAVAILABLE', 503, 'Every tenant connection is busy, try again shortly', {
          headers: { 'Retry-After': '1' },
        });
      }
      await this.waitForRelease(remaining);
    }
  }

  private open(database: TenantDatabase): Entry {
    const orm = new MikroORM(
      tenantOrmOptions(database.url, {
        max: this.options.poolMax,
        idleTimeoutMillis: this.options.idleSeconds * 1000,
      }),
    );
    const entry: Entry = { tenantId: database.tenantId, databaseName: database.databaseName, orm, leases: 0 };
    this.entries.set(database.tenantId, entry);
    return entry;
  }

  private evictLeastRecentlyUsedIdle(): boolean {
    for (const entry of this.entries.values()) {
      if (entry.leases === 0) {
        this.entries.delete(entry.tenantId);
        entry.orm.close(true).catch((error: unknown) => {
          this.options.logger.warn(
            { err: error, tenantId: entry.tenantId },
            'closing evicted tenant pool failed',
          );
        });
        return true;
      }
    }
    return false;
  }

  private waitForRelease(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  private wakeOne(): void {
    const [first] = this.waiters;
    first?.();
  }
}
