import type { ErrorBody } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('HTTP edge', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { BODY_LIMIT_KB: '4' } });
  });
  afterAll(() => server.close());

  it('reports the admin database and the job queue on /api/health', async () => {
    const response = await server
      .client()
      .get<{ status: string; checks: Record<string, { ok: boolean }> }>('/api/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.checks.adminDatabase?.ok).toBe(true);
    expect(response.body.checks.jobQueue?.ok).toBe(true);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const response = await server
      .client()
      .request<ErrorBody>('POST', '/api/auth/login', '{"email": "a@b.pe",', {
        'content-type': 'application/json',
      });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'MALFORMED_JSON', message: expect.any(String) } });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413', async () => {
    const response = await server.client().post<ErrorBody>('/api/auth/signup', {
      email: 'grande@example.pe',
      password: 'x'.repeat(10_000),
      businessName: 'Grande',
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await server.client().request<ErrorBody>('POST', '/api/auth/login', 'email=a@b.pe', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown API route with 404 in the same shape', async () => {
    const response = await server.client().get<ErrorBody>('/api/no-existe');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses writes from a foreign Origin, and cookie writes with no Origin at all', async () => {
    const owner = await buildTenant(server);
    const foreign = await owner.client.post<ErrorBody>('/api/auth/logout', undefined, {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FOREIGN_ORIGIN');

    owner.client.origin = undefined;
    const missing = await owner.client.post<ErrorBody>('/api/auth/logout');
    expect(missing.status).toBe(403);

    owner.client.origin = server.url;
    expect((await owner.client.get('/api/auth/me')).status).toBe(200);
    expect((await owner.client.post('/api/auth/logout')).status).toBe(204);
  });

  it('sends security headers and a request id', async () => {
    const response = await server.client().get('/api/health', { 'x-request-id': 'req-abc-12345' });
    expect(response.headers.get('x-request-id')).toBe('req-abc-12345');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
