import {
  InvitationCreatedView,
  InvitationView,
  MembersView,
  type InvitationCreatedView as InvitationCreated,
  type InvitationInput,
  type InvitationView as Invitation,
  type MembersView as Members,
} from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';

/** Owners and admins of the business, and the invitations of the last 30 days (pending first). */
export function fetchMembers(options?: RequestOptions): Promise<Members> {
  return api.get(`${BASE}/members`, MembersView, options);
}

/**
 * Invites an e-mail as owner or admin: the server e-mails the link, and answers it once here
 * to copy or send by WhatsApp. 422 `fields.email` 'already_member' when they have access.
 */
export function inviteMember(input: InvitationInput, options?: RequestOptions): Promise<InvitationCreated> {
  return api.post(`${BASE}/invitations`, input, InvitationCreatedView, options);
}

/** Voids a pending invitation: its link stops working. */
export function revokeInvitation(id: string, options?: RequestOptions): Promise<Invitation> {
  return api.post(`${BASE}/invitations/${encodeURIComponent(id)}/revoke`, {}, InvitationView, options);
}

/** Takes a member's access away; 409 `LAST_OWNER` when they are the only owner. */
export function removeMember(userId: string, options?: RequestOptions): Promise<void> {
  return api.deleteEmpty(`${BASE}/members/${encodeURIComponent(userId)}`, undefined, options);
}
