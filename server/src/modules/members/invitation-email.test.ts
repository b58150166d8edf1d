import { describe, expect, it } from 'vitest';
import { invitationEmail, invitationLink } from './invitation-email.ts';
import { invitationStatus } from './members.presenter.ts';

const EXPIRES = new Date('2026-11-09T15:00:00Z');

describe('invitationEmail', () => {
  const email = invitationEmail({
    to: 'rosa@example.pe',
    businessName: 'Pollería <Doña> Pepa & Hijos',
    inviterEmail: 'pepa@example.pe',
    inviterName: 'Pepa <Quispe>',
    role: 'admin',
    link: 'https://app.smartket.pe/invitacion/abc',
    expiresAt: EXPIRES,
  });

  it('names the business, who invites, the role, the link and the expiry, in Spanish', () => {
    expect(email.to).toBe('rosa@example.pe');
    expect(email.subject).toBe('Te invitaron a Pollería <Doña> Pepa & Hijos en SmartKet');
    expect(email.text).toContain(
      'Pepa <Quispe> (pepa@example.pe) te invitó a unirte a Pollería <Doña> Pepa & Hijos en SmartKet como administrador.',
    );
    expect(email.text).toContain('\nhttps://app.smartket.pe/invitacion/abc\n');
    // 15:00 UTC is 10:00 in Lima.
    expect(email.text).toMatch(/vence en 7 días \(el 9 de noviembre de 2026 a las 10:00\sa\.\sm\.\)/);
  });

  it('escapes names in the HTML and links the button', () => {
    expect(email.html).toContain('Pollería &lt;Doña&gt; Pepa &amp; Hijos');
    expect(email.html).not.toContain('<Doña>');
    expect(email.html).toContain('<strong>Pepa &lt;Quispe&gt; (pepa@example.pe)</strong> te invitó');
    expect(email.html).toContain('href="https://app.smartket.pe/invitacion/abc"');
  });

  it('says dueño for an owner, and still reads well when the inviter is gone', () => {
    const owner = invitationEmail({
      to: 'rosa@example.pe',
      businessName: 'Chifa Sur',
      inviterEmail: null,
      inviterName: null,
      role: 'owner',
      link: 'https://app.smartket.pe/invitacion/abc',
      expiresAt: EXPIRES,
    });
    expect(owner.text).toContain(
      'El equipo de SmartKet te invitó a unirte a Chifa Sur en SmartKet como dueño.',
    );
  });

  it('names an inviter who has not added a name by their e-mail alone', () => {
    const unnamed = invitationEmail({
      to: 'rosa@example.pe',
      businessName: 'Chifa Sur',
      inviterEmail: 'pepa@example.pe',
      inviterName: null,
      role: 'admin',
      link: 'https://app.smartket.pe/invitacion/abc',
      expiresAt: EXPIRES,
    });
    expect(unnamed.text).toContain('\npepa@example.pe te invitó a unirte a Chifa Sur');
  });
});

describe('invitationLink', () => {
  it('joins the origin and the token, whatever trailing slash the origin has', () => {
    expect(invitationLink('https://smartket.pe/', 'tok')).toBe('https://smartket.pe/invitacion/tok');
    expect(invitationLink('http://127.0.0.1:3000', 'tok')).toBe('http://127.0.0.1:3000/invitacion/tok');
  });
});

describe('invitationStatus', () => {
  const open = { acceptedAt: null, revokedAt: null, expiresAt: EXPIRES };

  it('is pending until the expiry, expired from it on', () => {
    expect(invitationStatus(open, new Date(EXPIRES.getTime() - 1))).toBe('pending');
    expect(invitationStatus(open, EXPIRES)).toBe('expired');
  });

  it('is accepted or revoked for good, expired or not', () => {
    const later = new Date(EXPIRES.getTime() + 1000);
    expect(invitationStatus({ ...open, acceptedAt: new Date('2026-11-03T00:00:00Z') }, later)).toBe(
      'accepted',
    );
    expect(invitationStatus({ ...open, revokedAt: new Date('2026-11-03T00:00:00Z') }, later)).toBe('revoked');
  });
});
