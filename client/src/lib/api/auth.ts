import {
  CurrentTenantView,
  MeView,
  type CurrentTenantView as CurrentTenant,
  type LoginInput as Login,
  type MeView as Me,
  type SignupInput as Signup,
  type UpdateMeInput as UpdateMe,
} from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

/** Creates the account and its business; the answer carries the new session's view. */
export function signup(input: Signup, options?: RequestOptions): Promise<Me> {
  return api.post('/api/auth/signup', input, MeView, options);
}

/** Signs in with e-mail and password. */
export function login(input: Login, options?: RequestOptions): Promise<Me> {
  return api.post('/api/auth/login', input, MeView, options);
}

/** Ends this session (every tab and socket of it). */
export function logout(options?: RequestOptions): Promise<void> {
  return api.postEmpty('/api/auth/logout', undefined, options);
}

/** Who is signed in; throws `ApiError` with code `UNAUTHENTICATED` (401) when nobody is. */
export function fetchMe(options?: RequestOptions): Promise<Me> {
  return api.get('/api/auth/me', MeView, options);
}

/**
 * Sets the signed-in person's own name (what orders, tickets and receipts call them); 422
 * `fields.displayName` when it is blank or too long.
 */
export function updateMe(input: UpdateMe, options?: RequestOptions): Promise<Me> {
  return api.patch('/api/auth/me', input, MeView, options);
}

/** Makes another of the user's businesses the active one. */
export function switchTenant(tenantId: string, options?: RequestOptions): Promise<Me> {
  return api.post('/api/auth/active-tenant', { tenantId }, MeView, options);
}

/** The active business as read from its own database. */
export function fetchCurrentTenant(options?: RequestOptions): Promise<CurrentTenant> {
  return api.get('/api/tenant', CurrentTenantView, options);
}
