import { trialEndFrom, type ErrorBody, type MeView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { buildTenant, uniqueEmail } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('accounts and sessions', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-11-02T15:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  it('signs an owner up into a trial tenant and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const client = server.client();
    const email = uniqueEmail();
    const response = await client.post<MeView>('/api/auth/signup', {
      email: `  ${email.toUpperCase()} `,
      password: 'pollo-a-la-brasa-2026',
      displayName: 'Pepa',
      businessName: 'Pollería Doña Pepa',
      lineOfBusiness: 'polleria',
    });

    expect(response.status).toBe(201);
    expect(response.body.user.email).toBe(email);
    expect(response.body.memberships).toHaveLength(1);
    const [membership] = response.body.memberships;
    expect(membership?.role).toBe('owner');
    expect(membership?.tenant).toMatchObject({
      businessName: 'Pollería Doña Pepa',
      slug: expect.stringMatching(/^polleria-dona-pepa(-\d+)?$/),
      plan: 'trial',
      status: 'active',
      lineOfBusiness: 'polleria',
      trialEndsAt: trialEndFrom(clock.now()).toISOString(),
    });
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/smartket_session=[a-z2-7]+\.[a-z2-7]+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const me = await client.get<MeView>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.activeTenantId).toBe(membership?.tenant.id);
  });

  it('refuses the same e-mail twice, whatever its case', async () => {
    const { email } = await buildTenant(server);
    const again = await server.client().post<ErrorBody>('/api/auth/signup', {
      email: email.toUpperCase(),
      password: 'otra-clave-segura-99',
      displayName: 'Otra Pepa',
      businessName: 'Otra Pollería',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_TAKEN');
    expect(again.body.error.fields?.email?.code).toBe('email_taken');
  });

  it.each([
    ['too short', 'corta1', 'too_short'],
    ['the e-mail itself', '<email>', 'password_equals_email'],
    ['a common password', 'password123', 'password_common'],
    ['a plain run of digits', '12345678901', 'password_common'],
  ])('refuses a weak password: %s', async (_label, password, code) => {
    const email = uniqueEmail();
    const response = await server.client().post<ErrorBody>('/api/auth/signup', {
      email,
      password: password === '<email>' ? email : password,
      displayName: 'Pepa',
      businessName: 'Pollería Segura',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields?.password?.code).toBe(code);
  });

  it('names every invalid or missing field, and unknown ones', async () => {
    const response = await server.client().post<ErrorBody>('/api/auth/signup', {
      email: 'no-es-correo',
      password: 'pollo-a-la-brasa-2026',
      plan: 'pro',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toMatchObject({
      email: { code: 'invalid_email' },
      displayName: { code: 'required' },
      businessName: { code: 'required' },
      plan: { code: 'unknown_field' },
    });
  });

  it('logs in, answers one generic 401 for a wrong password or an unknown e-mail, and logs out', async () => {
    const owner = await buildTenant(server);
    const client = server.client();

    const wrong = await client.post<ErrorBody>('/api/auth/login', {
      email: owner.email,
      password: 'no-es-la-clave',
    });
    const unknown = await client.post<ErrorBody>('/api/auth/login', {
      email: uniqueEmail(),
      password: 'no-es-la-clave',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');

    const login = await client.post<MeView>('/api/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
    expect(login.body.activeTenantId).toBe(owner.tenantId);
    expect((await client.get('/api/auth/me')).status).toBe(200);

    const stolenCookie = client.cookie;
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(client.cookie).toBeUndefined();
    expect((await client.get('/api/auth/me')).status).toBe(401);

    // The old token is dead on the server too, not just forgotten by the browser.
    const replay = server.client();
    replay.cookie = stolenCookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('answers 401 to /me without a session and to a forged token', async () => {
    const anonymous = server.client();
    const response = await anonymous.get<ErrorBody>('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');

    const owner = await buildTenant(server);
    const [id] = (owner.client.cookie ?? '').replace('smartket_session=', '').split('.');
    anonymous.cookie = `smartket_session=${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await anonymous.get('/api/auth/me')).status).toBe(401);
  });

  it('slides the session forward while used and expires it when left alone', async () => {
    const owner = await buildTenant(server);

    clock.advance(20 * DAY);
    const used = await owner.client.get('/api/auth/me');
    expect(used.status).toBe(200);
    const refreshed = used.headers.getSetCookie().find((value) => value.startsWith('smartket_session='));
    expect(refreshed, 'a session used in the second half of its life gets a fresh cookie').toBeDefined();

    clock.advance(20 * DAY); // 40 days after signup, 20 after the last use: still alive
    expect((await owner.client.get('/api/auth/me')).status).toBe(200);

    clock.advance(31 * DAY);
    const expired = await owner.client.get<ErrorBody>('/api/auth/me');
    expect(expired.status).toBe(401);
  });
});

describe('rate limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_EMAIL: '3', AUTH_RATE_LIMIT_PER_IP: '8' } });
  });
  afterAll(() => server.close());

  it('limits login attempts per e-mail, with Retry-After', async () => {
    const client = server.client();
    const email = uniqueEmail();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await client.post('/api/auth/login', { email, password: 'intento-fallido' })).status).toBe(401);
    }
    const limited = await client.post<ErrorBody>('/api/auth/login', { email, password: 'intento-fallido' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits attempts per IP across e-mails', async () => {
    const client = server.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      statuses.push(
        (await client.post('/api/auth/login', { email: uniqueEmail(), password: 'intento-fallido' })).status,
      );
    }
    expect(statuses).toContain(429);
  });
});
