import {
  BranchDetailView,
  MenuView,
  type BranchDetailView as BranchDetail,
  type MenuView as Menu,
} from '@smartket/shared';
import { fetchBranch } from '../api/branches.ts';
import { ApiError, type RequestOptions } from '../api/client.ts';
import { fetchMenu } from '../api/menu.ts';
import { db, type SmartketDb } from './db.ts';

/** What a loader answered, and whether it came from this device because the network failed. */
export interface Kept<T> {
  data: T;
  /** Read from this device: the server could not be reached. */
  offline: boolean;
  /** When the server last sent it (ISO). */
  savedAt: string;
}

/** A failure that the device's copy can stand in for: no network, or the server down. */
function unreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.status >= 500);
}

/** The menu this device last received for the business, or null. */
export async function cachedMenu(tenantId: string, database: SmartketDb = db()): Promise<Menu | null> {
  return (await readMenu(tenantId, database))?.data ?? null;
}

async function readMenu(tenantId: string, database: SmartketDb): Promise<Kept<Menu> | null> {
  try {
    const stored = await database.menus.get(tenantId);
    const parsed = stored ? MenuView.safeParse(stored.menu) : null;
    return stored && parsed?.success ? { data: parsed.data, offline: true, savedAt: stored.savedAt } : null;
  } catch {
    return null;
  }
}

/**
 * The menu from the server, kept on the device as it arrives; without network, the device's
 * copy (so a waiter can take orders offline). Throws when neither is there, or on a refusal.
 */
export async function loadMenu(
  tenantId: string,
  options?: RequestOptions,
  database: SmartketDb = db(),
): Promise<Kept<Menu>> {
  try {
    const menu = await fetchMenu(options);
    const savedAt = new Date().toISOString();
    await database.menus.put({ tenantId, menu, savedAt }).catch(() => undefined);
    return { data: menu, offline: false, savedAt };
  } catch (error) {
    const kept = unreachable(error) ? await readMenu(tenantId, database) : null;
    if (kept) {
      return kept;
    }
    throw error;
  }
}

/** The branch (zones, tables, stations) this device last received, or null. */
export async function cachedBranch(
  tenantId: string,
  branchId: string,
  database: SmartketDb = db(),
): Promise<BranchDetail | null> {
  return (await readBranch(tenantId, branchId, database))?.data ?? null;
}

async function readBranch(
  tenantId: string,
  branchId: string,
  database: SmartketDb,
): Promise<Kept<BranchDetail> | null> {
  try {
    const stored = await database.branches.get([tenantId, branchId]);
    const parsed = stored ? BranchDetailView.safeParse(stored.branch) : null;
    return stored && parsed?.success ? { data: parsed.data, offline: true, savedAt: stored.savedAt } : null;
  } catch {
    return null;
  }
}

/** The branch from the server, kept on the device; without network, the device's copy. */
export async function loadBranch(
  tenantId: string,
  branchId: string,
  options?: RequestOptions,
  database: SmartketDb = db(),
): Promise<Kept<BranchDetail>> {
  try {
    const branch = await fetchBranch(branchId, options);
    const savedAt = new Date().toISOString();
    await database.branches.put({ tenantId, branchId, branch, savedAt }).catch(() => undefined);
    return { data: branch, offline: false, savedAt };
  } catch (error) {
    const kept = unreachable(error) ? await readBranch(tenantId, branchId, database) : null;
    if (kept) {
      return kept;
    }
    throw error;
  }
}
