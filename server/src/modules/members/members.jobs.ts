import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { tokenMatches } from '../../lib/tokens.ts';
import { invitationEmail, invitationLink } from './invitation-email.ts';
import { Invitation } from './invitation.entity.ts';
import { invitationStatus } from './members.presenter.ts';

/**
 * An `emails.send` job for an invitation. The link's token is only here and in the e-mail (the
 * database keeps its hash), so completed jobs are deleted soon (see the queue's options).
 */
export interface InvitationEmailJob {
  template: 'invitation';
  tenantId: string;
  invitationId: string;
  token: string;
  /** The origin links are built on, decided when the owner invited. */
  origin: string;
}

/** Every kind of e-mail the `emails.send` queue sends. */
export type EmailJob = InvitationEmailJob;

export interface InvitationEmailDeps {
  adminOrm: MikroORM;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

/**
 * Sends the e-mail of an invitation that is still open. An invitation revoked, replaced,
 * accepted or expired since it was queued — or gone with its tenant — is skipped, so a late retry
 * never mails a dead link. A retry after a send that did go out sends it again (acceptable).
 * Throws when the mail server refuses, for the queue to retry.
 */
export async function sendInvitationEmail(
  deps: InvitationEmailDeps,
  job: InvitationEmailJob,
): Promise<'sent' | 'skipped'> {
  const em = deps.adminOrm.em.fork();
  const invitation = await em.findOne(
    Invitation,
    { id: job.invitationId, tenant: job.tenantId },
    { populate: ['tenant', 'invitedBy'] },
  );
  const now = deps.clock.now();
  if (
    !invitation ||
    invitationStatus(invitation, now) !== 'pending' ||
    !tokenMatches(job.token, invitation.tokenHash)
  ) {
    deps.logger.info(
      { invitationId: job.invitationId, tenantId: job.tenantId },
      'invitation e-mail skipped: the invitation is no longer open',
    );
    return 'skipped';
  }
  await deps.mailer.send(
    invitationEmail({
      to: invitation.email,
      businessName: invitation.tenant.getEntity().businessName,
      inviterEmail: invitation.invitedBy?.getEntity().email ?? null,
      inviterName: invitation.invitedBy?.getEntity().displayName ?? null,
      role: invitation.role,
      link: invitationLink(job.origin, job.token),
      expiresAt: invitation.expiresAt,
    }),
  );
  deps.logger.info({ invitationId: invitation.id, tenantId: job.tenantId }, 'invitation e-mail sent');
  return 'sent';
}
