const APP_HOME = '/app';
/** An invitation link sends a signed-out invitee to sign in, then back to accept it. */
const INVITATION_PREFIX = '/invitacion/';

/**
 * Where to go after signing in: `next` when it is a path inside the app on this origin
 * (`/app`, `/app/...`) or an invitation link (`/invitacion/<token>`), otherwise the app's home.
 * Never an absolute or protocol-relative URL, so `?next=` cannot send anyone to another site.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return APP_HOME;
  }
  try {
    const url = new URL(next, 'http://smartket.invalid');
    if (url.origin !== 'http://smartket.invalid') {
      return APP_HOME;
    }
    const inApp = url.pathname === APP_HOME || url.pathname.startsWith(`${APP_HOME}/`);
    const invitation = url.pathname.startsWith(INVITATION_PREFIX);
    return inApp || invitation ? `${url.pathname}${url.search}${url.hash}` : APP_HOME;
  } catch {
    return APP_HOME;
  }
}
