import { INVITATION_DAYS, type MembershipRole } from '@smartket/shared';
import type { OutgoingEmail } from '../../lib/mailer.ts';

/** The page an invitation link opens: `/invitacion/<token>` on the app's public origin. */
export function invitationLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/invitacion/${token}`;
}

const ROLE_NAMES: Readonly<Record<MembershipRole, string>> = {
  owner: 'dueño',
  admin: 'administrador',
};

export interface InvitationEmailInput {
  to: string;
  businessName: string;
  /** The e-mail of who invited; null when that account is gone. */
  inviterEmail: string | null;
  /** Their name, when they have one: the invited person may know them by either. */
  inviterName: string | null;
  role: MembershipRole;
  link: string;
  expiresAt: Date;
}

/**
 * The invitation e-mail, in Spanish: who invites, to which business, as what, the link, and
 * that it expires in 7 days and works once. Names come from people, so the HTML escapes them.
 */
export function invitationEmail(input: InvitationEmailInput): OutgoingEmail {
  const role = ROLE_NAMES[input.role];
  const who = inviterLine(input.inviterEmail, input.inviterName);
  const expires = limaDateTime(input.expiresAt);
  const subject = `Te invitaron a ${input.businessName} en SmartKet`;
  const text = [
    'Hola:',
    '',
    `${who} te invitó a unirte a ${input.businessName} en SmartKet como ${role}.`,
    '',
    'Para aceptar la invitación, abre este enlace:',
    input.link,
    '',
    `El enlace vence en ${INVITATION_DAYS} días (el ${expires}) y sirve una sola vez.`,
    'Si no esperabas esta invitación, puedes ignorar este correo.',
    '',
    '— SmartKet',
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="es"><body style="font-family: Arial, sans-serif; color: #1f2933; line-height: 1.5">',
    '<p>Hola:</p>',
    `<p><strong>${escapeHtml(who)}</strong> te invitó a unirte a <strong>${escapeHtml(input.businessName)}</strong>` +
      ` en SmartKet como <strong>${role}</strong>.</p>`,
    `<p><a href="${escapeHtml(input.link)}" style="display: inline-block; padding: 12px 20px; background: #c2410c;` +
      ' color: #ffffff; text-decoration: none; border-radius: 6px">Aceptar la invitación</a></p>',
    `<p>Si el botón no funciona, copia este enlace en tu navegador:<br>${escapeHtml(input.link)}</p>`,
    `<p>El enlace vence en ${INVITATION_DAYS} días (el ${escapeHtml(expires)}) y sirve una sola vez.` +
      ' Si no esperabas esta invitación, puedes ignorar este correo.</p>',
    '<p>— SmartKet</p>',
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html };
}

/** `Pepa Quispe (pepa@example.pe)`, or whichever of the two is known. */
function inviterLine(email: string | null, name: string | null): string {
  if (!email) {
    return name ?? 'El equipo de SmartKet';
  }
  return name ? `${name} (${email})` : email;
}

/** `9 de noviembre de 2026 a las 10:00 a. m.`: the owner's day and hour, in Lima. */
function limaDateTime(at: Date): string {
  return new Intl.DateTimeFormat('es-PE', {
    timeZone: 'America/Lima',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
