import type {
  AuditPage,
  CurrentTenantView,
  ErrorBody,
  InvitationCreatedView,
  InvitationPreview,
  InvitationView,
  MembersView,
  MeView,
} from '@smartket/shared';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { freePort } from '../src/lib/free-port.ts';
import { INVITATIONS_PER_DAY } from '../src/modules/members/members.service.ts';
import { Membership } from '../src/modules/tenants/membership.entity.ts';
import { disconnected, nextEvent, openSocket, socketOutcome } from './actors.ts';
import { buildTenant, uniqueEmail, type BuiltOwner } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'pollo-con-chicha-2026';
/** What a newcomer types to accept: the new account's password and name. */
const NEW_ACCOUNT = { password: PASSWORD, displayName: 'Rosa Quispe' };

interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server that keeps what it receives: the e-mail test reaches no network. */
async function startMailbox(): Promise<{ port: number; received: ReceivedEmail[]; close(): Promise<void> }> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // A mail server that refuses some mailboxes: the job must fail visibly and retry.
      callback(address.address.startsWith('rebota.') ? new Error('550 No such mailbox') : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A header of a raw message, unfolded, its RFC 2047 encoded words decoded. */
function headerOf(raw: string, name: string): string {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) {
    throw new Error(`no ${name} header`);
  }
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const escaped = text
    .replace(/=\r?\n/g, '')
    .replace(/%/g, '%25')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`);
  return decodeURIComponent(escaped);
}

/** The decoded `text/plain` part of a raw MIME message (quoted-printable or base64). */
function plainTextOf(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((candidate) => /content-type:\s*text\/plain/i.test(candidate));
  if (!part) {
    throw new Error(`no text/plain part in:\n${raw}`);
  }
  const separator = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, separator);
  const body = part.slice(separator).trim();
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (encoding === 'quoted-printable') {
    return decodeQuotedPrintable(body).replace(/\r\n/g, '\n');
  }
  return body.replace(/\r\n/g, '\n');
}

async function waitFor<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function invite(owner: BuiltOwner, email: string, role: 'admin' | 'owner' = 'admin') {
  const response = await owner.client.post<InvitationCreatedView>('/api/tenant/invitations', { email, role });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { ...response.body, token: tokenOf(response.body.link) };
}

function tokenOf(link: string): string {
  const token = /\/invitacion\/([a-z2-7]+)$/.exec(link)?.[1];
  if (!token) {
    throw new Error(`not an invitation link: ${link}`);
  }
  return token;
}

async function auditOf(client: ApiClient, query = ''): Promise<AuditPage> {
  const response = await client.get<AuditPage>(`/api/tenant/audit${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe('invitations', () => {
  let server: TestServer;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  const clock = new ManualClock(new Date('2026-11-02T15:00:00Z'));

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({
      env: { SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, MAIL_FROM: 'SmartKet <hola@smartket.test>' },
      overrides: { clock },
    });
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  it('e-mails the invitation in Spanish, and the link in it accepts it', async () => {
    const owner = await buildTenant(server, { businessName: 'Pollería El Carbón' });
    const email = uniqueEmail('admin');
    const created = await invite(owner, email, 'admin');
    expect(created.link).toBe(`${server.url}/invitacion/${created.token}`);
    expect(created.token).toHaveLength(52);
    expect(created.invitation).toMatchObject({
      email,
      role: 'admin',
      status: 'pending',
      invitedByEmail: owner.email,
      invitedByName: owner.displayName,
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
    });

    const message = await waitFor(
      () => mailbox.received.find((received) => received.to.includes(email)),
      `the e-mail to ${email}`,
    );
    expect(message.to).toEqual([email]);
    expect(message.from).toBe('hola@smartket.test');
    expect(headerOf(message.raw, 'Subject')).toBe('Te invitaron a Pollería El Carbón en SmartKet');
    const text = plainTextOf(message.raw);
    expect(text).toContain(
      `${owner.displayName} (${owner.email}) te invitó a unirte a Pollería El Carbón en SmartKet como administrador.`,
    );
    expect(text).toContain('vence en 7 días');
    expect(message.raw).toMatch(/content-type:\s*text\/html/i);
    const mailedLink = /(http:\/\/\S+\/invitacion\/[a-z2-7]{52})/.exec(text)?.[1];
    expect(mailedLink).toBe(created.link);
    // The job carried the link: once the e-mail is out, the queue keeps nothing of it.
    await waitFor(async () => {
      const jobs = await server.services.boss.findJobs('emails.send', {
        data: { invitationId: created.invitation.id },
      });
      return jobs.length === 0 ? true : undefined;
    }, 'the sent job to be deleted');

    const invited = server.client();
    const accepted = await invited.post<MeView>(
      `/api/invitations/${tokenOf(mailedLink ?? '')}/accept`,
      NEW_ACCOUNT,
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user.email).toBe(email);
    expect(accepted.body.activeTenantId).toBe(owner.tenantId);
  });

  it('keeps an e-mail the mail server refused visible in the queue, to be retried', async () => {
    const owner = await buildTenant(server);
    const { invitation } = await invite(owner, uniqueEmail('rebota'));
    const job = await waitFor(async () => {
      const [found] = await server.services.boss.findJobs('emails.send', {
        data: { invitationId: invitation.id },
      });
      return found && found.state !== 'created' && found.state !== 'active' ? found : undefined;
    }, 'the failed attempt');
    expect(job.state).toBe('retry');
    expect(job.retryLimit).toBe(8);
    expect(JSON.stringify(job.output)).toMatch(/550/);
  });

  it('creates the account of a new person: password and name required, then user, membership, session and tenant', async () => {
    const owner = await buildTenant(server, { businessName: 'Pollería La Leña' });
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email, 'admin');
    const invited = server.client();

    const preview = await invited.get<InvitationPreview>(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      businessName: 'Pollería La Leña',
      email,
      role: 'admin',
      invitedByEmail: owner.email,
      invitedByName: owner.displayName,
      status: 'pending',
      expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      accountExists: false,
    });

    const empty = await invited.post<ErrorBody>(`/api/invitations/${token}/accept`, {});
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toEqual({
      password: expect.objectContaining({ code: 'required' }),
      displayName: expect.objectContaining({ code: 'required' }),
    });
    const weakAndNameless = await invited.post<ErrorBody>(`/api/invitations/${token}/accept`, {
      password: 'password123',
    });
    expect(weakAndNameless.status).toBe(422);
    expect(weakAndNameless.body.error.fields).toEqual({
      password: expect.objectContaining({ code: 'password_common' }),
      displayName: expect.objectContaining({ code: 'required' }),
    });
    for (const [displayName, code] of [
      ['   ', 'required'],
      ['x'.repeat(61), 'too_long'],
      [42, 'invalid_type'],
    ] as const) {
      const refused = await invited.post<ErrorBody>(`/api/invitations/${token}/accept`, {
        password: PASSWORD,
        displayName,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields?.displayName?.code).toBe(code);
    }
    const unknownField = await invited.post<ErrorBody>(`/api/invitations/${token}/accept`, {
      ...NEW_ACCOUNT,
      role: 'owner',
    });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.error.fields?.role?.code).toBe('unknown_field');
    expect(invited.cookie).toBeUndefined();

    const accepted = await invited.post<MeView>(`/api/invitations/${token}/accept`, {
      password: PASSWORD,
      displayName: '  Rosa   Quispe ',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user.displayName).toBe('Rosa Quispe');
    expect(accepted.headers.getSetCookie().join('\n')).toMatch(/smartket_session=.+HttpOnly/);
    expect(accepted.body.activeTenantId).toBe(owner.tenantId);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ role: 'admin', tenant: expect.objectContaining({ id: owner.tenantId }) }),
    ]);

    // The new admin runs the business but not who runs it.
    const current = await invited.get<CurrentTenantView>('/api/tenant');
    expect(current.status).toBe(200);
    expect(current.body.role).toBe('admin');
    expect(current.body.permissions).not.toContain('members.manage');
    expect((await invited.get('/api/tenant/menu')).status).toBe(200);
    const category = await invited.post('/api/tenant/menu/categories', { name: 'Parrillas' });
    expect(category.status).toBe(201);
    for (const refused of [
      await invited.get<ErrorBody>('/api/tenant/members'),
      await invited.post<ErrorBody>('/api/tenant/invitations', { email: uniqueEmail(), role: 'admin' }),
      await invited.get<ErrorBody>('/api/tenant/audit'),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }

    // The password works for logging in later.
    const later = server.client();
    expect((await later.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);

    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(
      members.body.members.map((member) => [member.displayName, member.email, member.role, member.isYou]),
    ).toEqual([
      [owner.displayName, owner.email, 'owner', true],
      ['Rosa Quispe', email, 'admin', false],
    ]);
    expect(members.body.invitations).toEqual([expect.objectContaining({ email, status: 'accepted' })]);

    const audit = await auditOf(owner.client, '?actionGroup=members');
    expect(audit.entries.map((entry) => [entry.action, entry.actor.name, entry.entity?.label])).toEqual([
      ['members.joined', 'Rosa Quispe', email],
      ['members.invited', owner.displayName, email],
    ]);
    expect(audit.entries[0]?.after).toEqual({ email, role: 'admin' });
  });

  /** The invitation is still open and no account was made for it. */
  async function expectUnused(token: string): Promise<void> {
    const preview = await server.client().get<InvitationPreview>(`/api/invitations/${token}`);
    expect(preview.body).toMatchObject({ status: 'pending', accountExists: false });
  }

  it.each([
    ['too short', 'corta1', 'too_short'],
    ['the e-mail itself', '<email>', 'password_equals_email'],
    ['a common password', 'password123', 'password_common'],
    ['a plain run of digits', '12345678901', 'password_common'],
  ])('refuses a new account’s weak password as signup does: %s', async (_label, password, code) => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const refused = await server.client().post<ErrorBody>(`/api/invitations/${token}/accept`, {
      password: password === '<email>' ? email : password,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields?.password?.code).toBe(code);
    await expectUnused(token);
  });

  it('refuses an accept sent from another site (Origin), and creates nothing', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const forged = server.client();
    forged.origin = 'https://pollos-gratis.example';
    const refused = await forged.post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FOREIGN_ORIGIN');
    expect(forged.cookie).toBeUndefined();
    await expectUnused(token);
  });

  it('works once: a second accept is 409 INVITATION_USED, whoever tries', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const first = server.client();
    expect((await first.post(`/api/invitations/${token}/accept`, NEW_ACCOUNT)).status).toBe(200);

    const again = await server.client().post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVITATION_USED');
    const sameUser = await first.post<ErrorBody>(`/api/invitations/${token}/accept`);
    expect(sameUser.status).toBe(409);
    expect(sameUser.body.error.code).toBe('INVITATION_USED');
    expect((await server.client().get<InvitationPreview>(`/api/invitations/${token}`)).body.status).toBe(
      'accepted',
    );
  });

  it('lets two accepts at once make one account and one membership', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const answers = await Promise.all(
      [1, 2, 3].map(() => server.client().post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.members.filter((member) => member.email === email)).toHaveLength(1);
  });

  it('expires after 7 days: 410 INVITATION_EXPIRED', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    clock.advance(7 * DAY - 1000);
    expect((await server.client().get<InvitationPreview>(`/api/invitations/${token}`)).body.status).toBe(
      'pending',
    );
    clock.advance(1000);

    const preview = await server.client().get<InvitationPreview>(`/api/invitations/${token}`);
    expect(preview.body.status).toBe('expired');
    const late = await server.client().post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('INVITATION_EXPIRED');
    // Nothing was created on the way.
    expect((await server.client().post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.invitations).toEqual([expect.objectContaining({ email, status: 'expired' })]);
  });

  it('is closed by revoking: 409 INVITATION_USED; revoking twice answers the same', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token, invitation } = await invite(owner, email);

    const revoked = await owner.client.post<InvitationView>(
      `/api/tenant/invitations/${invitation.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: invitation.id, status: 'revoked' });
    const twice = await owner.client.post<InvitationView>(`/api/tenant/invitations/${invitation.id}/revoke`);
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(revoked.body);

    const refused = await server.client().post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVITATION_USED');
    expect((await server.client().get<InvitationPreview>(`/api/invitations/${token}`)).body.status).toBe(
      'revoked',
    );
    const audit = await auditOf(owner.client, '?action=members.invitation_revoked');
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.entity).toEqual({ type: 'invitation', id: invitation.id, label: email });

    // Accepted ones are not revoked (the member is removed instead).
    const other = await invite(owner, uniqueEmail('admin'));
    await server.client().post(`/api/invitations/${other.token}/accept`, NEW_ACCOUNT);
    const late = await owner.client.post<ErrorBody>(`/api/tenant/invitations/${other.invitation.id}/revoke`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVITATION_USED');
  });

  it('answers 404 INVITATION_INVALID for an unknown or malformed token', async () => {
    const unknown = 'a'.repeat(52);
    for (const token of [unknown, 'not-a-token', 'A'.repeat(52)]) {
      const preview = await server.client().get<ErrorBody>(`/api/invitations/${token}`);
      expect(preview.status).toBe(404);
      expect(preview.body.error.code).toBe('INVITATION_INVALID');
    }
    const accept = await server.client().post<ErrorBody>(`/api/invitations/${unknown}/accept`, NEW_ACCOUNT);
    expect(accept.status).toBe(404);
    expect(accept.body.error.code).toBe('INVITATION_INVALID');
  });

  it('refuses another signed-in account: 403 INVITATION_EMAIL_MISMATCH', async () => {
    const owner = await buildTenant(server);
    const { token } = await invite(owner, uniqueEmail('admin'));
    const stranger = await buildTenant(server);
    const refused = await stranger.client.post<ErrorBody>(`/api/invitations/${token}/accept`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INVITATION_EMAIL_MISMATCH');
    expect((await stranger.client.get<MeView>('/api/auth/me')).body.activeTenantId).toBe(stranger.tenantId);
  });

  it('makes an existing account sign in first (409 ACCOUNT_EXISTS), then joins it and switches tenants', async () => {
    const owner = await buildTenant(server, { businessName: 'Pollería Norte' });
    const neighbour = await buildTenant(server, { businessName: 'Chifa Sur' });
    const { token } = await invite(owner, neighbour.email, 'owner');

    const anonymous = server.client();
    expect((await anonymous.get<InvitationPreview>(`/api/invitations/${token}`)).body.accountExists).toBe(
      true,
    );
    const refused = await anonymous.post<ErrorBody>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ACCOUNT_EXISTS');

    // Signed in, the account keeps the name it has: a name sent along is not taken.
    const accepted = await neighbour.client.post<MeView>(`/api/invitations/${token}/accept`, {
      displayName: 'Otro Nombre',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user.displayName).toBe(neighbour.displayName);
    expect(accepted.body.activeTenantId).toBe(owner.tenantId);
    expect(accepted.body.memberships.map((membership) => [membership.tenant.id, membership.role])).toEqual(
      expect.arrayContaining([
        [neighbour.tenantId, 'owner'],
        [owner.tenantId, 'owner'],
      ]),
    );
    expect(accepted.body.memberships).toHaveLength(2);
    const there = await neighbour.client.get<CurrentTenantView>('/api/tenant');
    expect(there.body.tenant.businessName).toBe('Pollería Norte');

    const home = await neighbour.client.post<MeView>('/api/auth/active-tenant', {
      tenantId: neighbour.tenantId,
    });
    expect(home.status).toBe(200);
    expect(home.body.activeTenantId).toBe(neighbour.tenantId);
    expect((await neighbour.client.get<CurrentTenantView>('/api/tenant')).body.tenant.businessName).toBe(
      'Chifa Sur',
    );
    const back = await neighbour.client.post<MeView>('/api/auth/active-tenant', { tenantId: owner.tenantId });
    expect(back.body.activeTenantId).toBe(owner.tenantId);
    const current = await neighbour.client.get<CurrentTenantView>('/api/tenant');
    expect(current.body.tenant.id).toBe(owner.tenantId);
    expect(current.body.role).toBe('owner');
  });

  it('matches the signed-in account’s e-mail whatever case the owner typed it in', async () => {
    const owner = await buildTenant(server);
    const colleague = await buildTenant(server);
    const { token, invitation } = await invite(owner, colleague.email.toUpperCase(), 'admin');
    expect(invitation.email).toBe(colleague.email);
    const accepted = await colleague.client.post<MeView>(`/api/invitations/${token}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeTenantId).toBe(owner.tenantId);
  });

  it('accepts for someone who is a member already, keeping their role', async () => {
    const owner = await buildTenant(server);
    const colleague = await buildTenant(server);
    const { token } = await invite(owner, colleague.email, 'owner');
    // They became an admin another way while the invitation was pending.
    const em = server.services.adminOrm.em.fork();
    em.create(Membership, {
      user: colleague.me.user.id,
      tenant: owner.tenantId,
      role: 'admin',
      createdAt: new Date(),
    });
    await em.flush();

    const accepted = await colleague.client.post<MeView>(`/api/invitations/${token}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeTenantId).toBe(owner.tenantId);
    expect(
      accepted.body.memberships.find((membership) => membership.tenant.id === owner.tenantId)?.role,
    ).toBe('admin');
    const again = await owner.client.post<ErrorBody>('/api/tenant/invitations', {
      email: colleague.email,
      role: 'owner',
    });
    expect(again.status).toBe(422);
    expect(again.body.error.fields?.email?.code).toBe('already_member');
  });

  it('replaces a pending invitation for the same e-mail', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const first = await invite(owner, email, 'admin');
    const second = await invite(owner, email, 'owner');

    expect(
      (await server.client().get<InvitationPreview>(`/api/invitations/${first.token}`)).body.status,
    ).toBe('revoked');
    const stale = await server
      .client()
      .post<ErrorBody>(`/api/invitations/${first.token}/accept`, NEW_ACCOUNT);
    expect(stale.status).toBe(409);
    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.invitations.map((invitation) => [invitation.id, invitation.status])).toEqual([
      [second.invitation.id, 'pending'],
      [first.invitation.id, 'revoked'],
    ]);
    const accepted = await server
      .client()
      .post<MeView>(`/api/invitations/${second.token}/accept`, NEW_ACCOUNT);
    expect(accepted.body.memberships[0]?.role).toBe('owner');

    // The first link stopped working because of the second invitation: the log says so.
    const audit = await auditOf(owner.client, '?actionGroup=members');
    expect(audit.entries.map((entry) => [entry.action, entry.entity?.id])).toEqual([
      ['members.joined', accepted.body.user.id],
      ['members.invited', second.invitation.id],
      ['members.invitation_revoked', first.invitation.id],
      ['members.invited', first.invitation.id],
    ]);
  });

  it('records no revocation when the invitation replaced had expired already', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    await invite(owner, email);
    clock.advance(8 * DAY);
    const again = await invite(owner, email);
    const audit = await auditOf(owner.client, '?actionGroup=members');
    expect(audit.entries.map((entry) => entry.action)).toEqual(['members.invited', 'members.invited']);
    expect(
      (await server.client().get<InvitationPreview>(`/api/invitations/${again.token}`)).body.status,
    ).toBe('pending');
  });

  it(`sends at most ${INVITATIONS_PER_DAY} invitations a day per business: 429 RATE_LIMITED with Retry-After`, async () => {
    const owner = await buildTenant(server);
    await invite(owner, uniqueEmail('cupo'));
    clock.advance(60 * 60 * 1000);
    for (let sent = 1; sent < INVITATIONS_PER_DAY; sent += 1) {
      await invite(owner, uniqueEmail('cupo'));
    }
    const refused = await owner.client.post<ErrorBody>('/api/tenant/invitations', {
      email: uniqueEmail('cupo'),
      role: 'admin',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    // The first one ages out of the 24 hours in 23 hours.
    expect(Number(refused.headers.get('retry-after'))).toBe(23 * 60 * 60);
    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.invitations).toHaveLength(INVITATIONS_PER_DAY);

    // Another business is not held back, and the refused one is not counted.
    await invite(await buildTenant(server), uniqueEmail('cupo'));
    clock.advance(23 * 60 * 60 * 1000);
    await invite(owner, uniqueEmail('cupo'));
  });

  it('refuses to invite a member: 422 fields.email already_member, and records nothing', async () => {
    const owner = await buildTenant(server);
    const refused = await owner.client.post<ErrorBody>('/api/tenant/invitations', {
      email: owner.email.toUpperCase(),
      role: 'admin',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.fields?.email?.code).toBe('already_member');
    expect((await auditOf(owner.client, '?action=members.invited')).entries).toEqual([]);
    const members = await owner.client.get<MembersView>('/api/tenant/members');
    expect(members.body.invitations).toEqual([]);

    const invalid = await owner.client.post<ErrorBody>('/api/tenant/invitations', {
      email: 'nope',
      role: 'cashier',
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields ?? {}).sort()).toEqual(['email', 'role']);
  });

  it('keeps one owner at least (409 LAST_OWNER) and never lets an owner remove themselves', async () => {
    const owner = await buildTenant(server);
    const alone = await owner.client.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${owner.me.user.id}`,
      undefined,
      {},
    );
    expect(alone.status).toBe(409);
    expect(alone.body.error.code).toBe('LAST_OWNER');

    const partnerEmail = uniqueEmail('socio');
    const { token } = await invite(owner, partnerEmail, 'owner');
    const partner = server.client();
    const joined = await partner.post<MeView>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    const partnerId = joined.body.user.id;
    const self = await owner.client.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${owner.me.user.id}`,
      undefined,
      {},
    );
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('CONFLICT');

    // The partner may remove the founder, and is then the last owner.
    const removed = await partner.request('DELETE', `/api/tenant/members/${owner.me.user.id}`, undefined, {});
    expect(removed.status).toBe(204);
    const members = await partner.get<MembersView>('/api/tenant/members');
    expect(members.body.members.map((member) => member.userId)).toEqual([partnerId]);
    const last = await partner.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${partnerId}`,
      undefined,
      {},
    );
    expect(last.body.error.code).toBe('LAST_OWNER');
  });

  it('removes a member: their next tenant request is a 404, and the removal is recorded', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const admin = server.client();
    const joined = await admin.post<MeView>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    expect((await admin.get('/api/tenant')).status).toBe(200);

    const stranger = await buildTenant(server);
    const foreign = await stranger.client.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${joined.body.user.id}`,
      undefined,
      {},
    );
    expect(foreign.status).toBe(404);
    expect((await admin.get('/api/tenant')).status).toBe(200);

    const removed = await owner.client.request(
      'DELETE',
      `/api/tenant/members/${joined.body.user.id}`,
      undefined,
      {},
    );
    expect(removed.status).toBe(204);
    const after = await admin.get<ErrorBody>('/api/tenant');
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe('NOT_FOUND');
    const twice = await owner.client.request<ErrorBody>(
      'DELETE',
      `/api/tenant/members/${joined.body.user.id}`,
      undefined,
      {},
    );
    expect(twice.status).toBe(404);

    const audit = await auditOf(owner.client, '?action=members.removed');
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actor: { kind: 'user', id: owner.me.user.id, name: owner.displayName },
        entity: { type: 'membership', id: joined.body.user.id, label: email },
        before: { email, role: 'admin' },
      }),
    ]);
  });

  it('tells and drops the removed member’s sockets in the business, and no one else’s', async () => {
    const owner = await buildTenant(server);
    const email = uniqueEmail('admin');
    const { token } = await invite(owner, email);
    const admin = server.client();
    const joined = await admin.post<MeView>(`/api/invitations/${token}/accept`, NEW_ACCOUNT);
    const adminSocket = openSocket(server, admin.cookie);
    const ownerSocket = openSocket(server, owner.client.cookie);
    try {
      expect(await socketOutcome(adminSocket)).toBe('connected');
      expect(await socketOutcome(ownerSocket)).toBe('connected');
      const told = nextEvent(adminSocket, 'sessions.ended');
      const dropped = disconnected(adminSocket);

      const removed = await owner.client.request(
        'DELETE',
        `/api/tenant/members/${joined.body.user.id}`,
        undefined,
        {},
      );
      expect(removed.status).toBe(204);
      expect(await told).toEqual({ reason: 'expired' });
      await dropped;
      expect(ownerSocket.connected).toBe(true);
      // The session itself stays: the business answers 404, the account still works.
      expect((await admin.get('/api/tenant')).status).toBe(404);
      expect((await admin.get('/api/auth/me')).status).toBe(200);
    } finally {
      adminSocket.close();
      ownerSocket.close();
    }
  });

  it('keeps each business’s invitations to itself', async () => {
    const owner = await buildTenant(server);
    const { invitation } = await invite(owner, uniqueEmail('admin'));
    const stranger = await buildTenant(server);
    const revoke = await stranger.client.post<ErrorBody>(`/api/tenant/invitations/${invitation.id}/revoke`);
    expect(revoke.status).toBe(404);
    const theirs = await stranger.client.get<MembersView>('/api/tenant/members');
    expect(theirs.body.invitations).toEqual([]);
    expect(theirs.body.members.map((member) => member.email)).toEqual([stranger.email]);
    const notAnId = await owner.client.post<ErrorBody>('/api/tenant/invitations/123/revoke');
    expect(notAnId.status).toBe(404);
  });
});
