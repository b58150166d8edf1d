import { randomBytes } from 'node:crypto';
import type { MeView } from '@smartket/shared';
import type { ApiClient, TestServer } from './test-server.ts';

export interface BuiltOwner {
  client: ApiClient;
  me: MeView;
  email: string;
  password: string;
  /** What the owner is called on orders, tickets and receipts. */
  displayName: string;
  tenantId: string;
}

let sequence = 0;

/** A unique e-mail per call, so tests never collide on accounts. */
export function uniqueEmail(prefix = 'dueno'): string {
  sequence += 1;
  return `${prefix}.${sequence}.${randomBytes(4).toString('hex')}@example.pe`;
}

/** Signs a new owner up through the API: a tenant with its own database, signed in. */
export async function buildTenant(
  server: TestServer,
  overrides: { businessName?: string; email?: string; password?: string; displayName?: string } = {},
): Promise<BuiltOwner> {
  const client = server.client();
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'brasa-con-papas-2026';
  const displayName = overrides.displayName ?? `Dueña ${randomBytes(2).toString('hex')}`;
  const response = await client.post<MeView>('/api/auth/signup', {
    email,
    password,
    displayName,
    businessName: overrides.businessName ?? `Pollería ${randomBytes(3).toString('hex')}`,
  });
  if (response.status !== 201) {
    throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const tenantId = response.body.activeTenantId;
  if (!tenantId) {
    throw new Error('signup returned no active tenant');
  }
  return { client, me: response.body, email, password, displayName, tenantId };
}
