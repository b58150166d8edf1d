import type { FeedStatus } from '#lib/realtime/branch-feed.svelte.ts';

/**
 * A live screen's feed that failed before it was ever read — from the server or from the
 * device's copy (offline since the screen opened, or the server answering errors). Its lists are
 * empty because nothing is known, not because nothing is open: the screen must say it could not
 * load rather than "Libre" or "Sin pedidos".
 */
export function failedUnread(feed: { status: FeedStatus; lastSyncedAt: Date | null } | null): boolean {
  if (!feed) {
    return false;
  }
  return feed.status === 'error' || (feed.status === 'offline' && feed.lastSyncedAt === null);
}
