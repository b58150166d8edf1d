import { PERMISSIONS, roleCan, ROLES, type Role } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { buildEveryRole, type EveryRole } from './actors.ts';
import { listRoutes, type ApiRoute } from './api-routes.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

/**
 * The permission matrix, generated from the table itself: every route under /api/tenant × every
 * role answers 403 FORBIDDEN exactly when the role lacks the route's permission. A new route is
 * found by walking the app's router, so it cannot be forgotten — and a route without a guard
 * fails here before it ships.
 */

/** Routes outside /api/tenant, which answer to a credential rather than a role. */
const ROLELESS_PREFIXES = ['/api/health', '/api/auth/', '/api/device', '/api/invitations/'];

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

describe('permission matrix', () => {
  let server: TestServer;
  let everyRole: EveryRole;
  let routes: ApiRoute[];

  beforeAll(async () => {
    server = await startTestServer();
    everyRole = await buildEveryRole(server);
    routes = listRoutes(createApp(server.services));
  });
  afterAll(() => server.close());

  it('finds the routes, and every tenant route has exactly one guard naming a known permission', () => {
    const tenantRoutes = routes.filter((route) => route.path.startsWith('/api/tenant'));
    expect(tenantRoutes.length).toBeGreaterThan(40);
    const unguarded = tenantRoutes.filter((route) => route.guards.length !== 1);
    expect(unguarded.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    for (const route of tenantRoutes) {
      for (const permission of route.guards[0] ?? []) {
        expect(PERMISSIONS).toContain(permission);
      }
    }
  });

  it('knows every route outside /api/tenant', () => {
    const elsewhere = routes.filter(
      (route) =>
        route.path.startsWith('/api') &&
        !route.path.startsWith('/api/tenant') &&
        !ROLELESS_PREFIXES.some((prefix) => route.path.startsWith(prefix)),
    );
    expect(elsewhere.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  const actors = [...ROLES, 'kiosk'] as const;

  it.each(actors)('answers %s exactly as the permission table says, on every tenant route', async (actor) => {
    const role: Role = actor === 'kiosk' ? 'kitchen' : actor;
    const client = everyRole.clients[actor];
    const mismatches: string[] = [];
    for (const route of routes.filter((candidate) => candidate.path.startsWith('/api/tenant'))) {
      const permissions = route.guards[0];
      const allowed =
        permissions === null ||
        (permissions !== undefined && permissions.some((permission) => roleCan(role, permission)));
      const response = await call(client, route);
      const forbidden = response.status === 403 && response.code === 'FORBIDDEN';
      if (forbidden === allowed) {
        mismatches.push(
          `${route.method} ${route.path} (${permissions?.join(' or ') ?? 'any actor'}): ${response.status} ${response.code ?? ''}`,
        );
      }
      // Neither "not signed in" nor a crash counts as an answer about permissions.
      if (response.status === 401 || response.status >= 500) {
        mismatches.push(`${route.method} ${route.path}: ${response.status} ${response.code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** Calls a route with placeholder ids and an empty JSON body: a guard answers before validation. */
async function call(
  client: ApiClient,
  route: ApiRoute,
): Promise<{ status: number; code: string | undefined }> {
  const path = route.path.replace(/:[A-Za-z]+/g, NIL_UUID);
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}';
  const response = await client.request<{ error?: { code?: string } }>(
    route.method,
    path,
    body,
    body ? { 'content-type': 'application/json' } : {},
  );
  const code = typeof response.body === 'object' && response.body ? response.body.error?.code : undefined;
  return { status: response.status, code };
}
