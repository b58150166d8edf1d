import type { AuditEntryView } from '@smartket/shared';
import { fetchAuditPage, type AuditFilters } from '#lib/api/audit.ts';
import { ApiError, errorMessage } from '#lib/api/client.ts';

/** Entries per request: a busy evening's sign-ins fit in one or two pages. */
const PAGE_SIZE = 50;

type FeedState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : errorMessage('network');
}

/**
 * The audit log as the owner scrolls it: the first page for the current filters, then older
 * pages appended by "Ver más". New filters start over; a late answer for old ones is dropped.
 */
export class AuditFeed {
  state = $state<FeedState>({ status: 'loading' });
  entries = $state<AuditEntryView[]>([]);
  nextCursor = $state<string | null>(null);
  /** The "Ver más" request: running, or why it failed (the list above stays). */
  more = $state<{ status: 'idle' | 'loading' } | { status: 'error'; message: string }>({ status: 'idle' });

  #filters: AuditFilters = {};
  #controller: AbortController | null = null;

  /** Loads the newest page for `filters`, replacing what was shown. */
  load(filters: AuditFilters): void {
    this.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#filters = filters;
    this.state = { status: 'loading' };
    this.more = { status: 'idle' };
    fetchAuditPage({ ...filters, limit: PAGE_SIZE }, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) {
          return;
        }
        this.entries = page.entries;
        this.nextCursor = page.nextCursor;
        this.state = { status: 'ready' };
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          this.state = { status: 'error', message: messageOf(error) };
        }
      },
    );
  }

  /** Appends the next older page ("Ver más"). */
  loadMore(): void {
    const before = this.nextCursor;
    if (!before || this.more.status === 'loading' || this.state.status !== 'ready') {
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.more = { status: 'loading' };
    fetchAuditPage({ ...this.#filters, before, limit: PAGE_SIZE }, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) {
          return;
        }
        // Keyset paging never repeats an entry, but a retried page must not show one twice.
        const fresh = page.entries.filter((entry) => !this.entries.some((shown) => shown.id === entry.id));
        this.entries = [...this.entries, ...fresh];
        this.nextCursor = page.nextCursor;
        this.more = { status: 'idle' };
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          this.more = { status: 'error', message: messageOf(error) };
        }
      },
    );
  }

  /** Stops the request in flight (new filters, or the page went away). */
  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
