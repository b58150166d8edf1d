import {
  InvitationPreview,
  MeView,
  type AcceptInvitationInput,
  type InvitationPreview as Preview,
  type MeView as Me,
} from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

function path(token: string): string {
  return `/api/invitations/${encodeURIComponent(token)}`;
}

/** What an invitation link offers (business, role, status); throws `INVITATION_INVALID` when unknown. */
export function fetchInvitation(token: string, options?: RequestOptions): Promise<Preview> {
  return api.get(path(token), InvitationPreview, options);
}

/**
 * Accepts the invitation: signed in as the invited e-mail with no password, or as a newcomer
 * with the password of the new account. The answer is the session's view, that business active.
 */
export function acceptInvitation(
  token: string,
  input: AcceptInvitationInput,
  options?: RequestOptions,
): Promise<Me> {
  return api.post(`${path(token)}/accept`, input, MeView, options);
}
