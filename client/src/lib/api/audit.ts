import { AuditPage, type AuditPage as Page, type AuditQuery } from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

/** The filters as the client writes them: every one optional, the page size too. */
export type AuditFilters = Partial<AuditQuery>;

/** One page of the audit log, newest first; pass `nextCursor` back as `before` for older ones. */
export function fetchAuditPage(filters: AuditFilters, options?: RequestOptions): Promise<Page> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return api.get(`/api/tenant/audit${search}`, AuditPage, options);
}
