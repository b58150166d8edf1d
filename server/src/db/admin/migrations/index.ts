import { M0001AccountsAndTenants } from './m0001-accounts-and-tenants.ts';
import { M0002PairingCodesAndInvitations } from './m0002-pairing-codes-and-invitations.ts';

/** Admin database migrations, oldest first. Never edit one that has shipped; add the next. */
export const adminMigrations = [M0001AccountsAndTenants, M0002PairingCodesAndInvitations];
