/**
 * Pairing a device and accepting an invitation: public pages that depend on this browser's
 * cookies (a device credential, a session), so they render in the browser like the app.
 */
export const ssr = false;
