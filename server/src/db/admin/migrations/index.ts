import { M0001AccountsAndTenants } from './m0001-accounts-and-tenants.ts';
import { M0002PairingCodesAndInvitations } from './m0002-pairing-codes-and-invitations.ts';
import { M0003RealtimeAttachments } from './m0003-realtime-attachments.ts';
import { M0004UserDisplayNames } from './m0004-user-display-names.ts';

/** Admin database migrations, oldest first. Never edit one that has shipped; add the next. */
export const adminMigrations = [
  M0001AccountsAndTenants,
  M0002PairingCodesAndInvitations,
  M0003RealtimeAttachments,
  M0004UserDisplayNames,
];
