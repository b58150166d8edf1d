import { describe, expect, it } from 'vitest';
import { failedUnread } from './feed-read.ts';

describe('failedUnread', () => {
  const synced = new Date('2026-03-06T20:00:00.000Z');

  it('is true offline with nothing read yet, and whenever the server refused the read', () => {
    expect(failedUnread({ status: 'offline', lastSyncedAt: null })).toBe(true);
    expect(failedUnread({ status: 'error', lastSyncedAt: null })).toBe(true);
    expect(failedUnread({ status: 'error', lastSyncedAt: synced })).toBe(true);
  });

  it('is false offline with a copy to show, while loading, live or catching up, and with no feed yet', () => {
    expect(failedUnread({ status: 'offline', lastSyncedAt: synced })).toBe(false);
    expect(failedUnread({ status: 'loading', lastSyncedAt: null })).toBe(false);
    expect(failedUnread({ status: 'live', lastSyncedAt: synced })).toBe(false);
    expect(failedUnread({ status: 'catching_up', lastSyncedAt: synced })).toBe(false);
    expect(failedUnread(null)).toBe(false);
  });
});
