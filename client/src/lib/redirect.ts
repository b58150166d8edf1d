import type { ResolvedPathname } from '$app/types';

// Plain paths rather than resolve(): this runs in server-rendered pages too, where resolve()
// answers relative paths, and the app is served at the root.
const APP_HOME: ResolvedPathname = '/app';
/** An invitation link sends a signed-out invitee to sign in, then back to accept it. */
const INVITATION_PREFIX = '/invitacion/';

/** Whether `target` (its `pathname` on this origin, plus search and hash) is the app, a page inside it, or an invitation link. */
function isReturnPath(target: string, pathname: string): target is ResolvedPathname {
  return (
    pathname === APP_HOME || pathname.startsWith(`${APP_HOME}/`) || pathname.startsWith(INVITATION_PREFIX)
  );
}

/**
 * Where to go after signing in: `next` when it is a path inside the app on this origin
 * (`/app`, `/app/...`) or an invitation link (`/invitacion/<token>`), otherwise the app's home.
 * Never an absolute or protocol-relative URL, so `?next=` cannot send anyone to another site.
 */
export function safeNext(next: string | null | undefined): ResolvedPathname {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return APP_HOME;
  }
  try {
    const url = new URL(next, 'http://smartket.invalid');
    if (url.origin !== 'http://smartket.invalid') {
      return APP_HOME;
    }
    const target = `${url.pathname}${url.search}${url.hash}`;
    return isReturnPath(target, url.pathname) ? target : APP_HOME;
  } catch {
    return APP_HOME;
  }
}
