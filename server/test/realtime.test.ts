import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

function openSocket(server: TestServer, cookie: string | undefined): Socket {
  return connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
}

/** 'connected', or the server's refusal message. */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('Socket.IO on the same port', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('refuses a handshake without a valid session', async () => {
    const anonymous = openSocket(server, undefined);
    expect(await outcome(anonymous)).toBe('UNAUTHENTICATED');
    anonymous.close();

    const forged = openSocket(server, 'smartket_session=abc.def');
    expect(await outcome(forged)).toBe('UNAUTHENTICATED');
    forged.close();
  });

  it("puts a session's sockets in its own room and tells them when it ends elsewhere", async () => {
    const owner = await buildTenant(server);
    const socket = openSocket(server, owner.client.cookie);
    expect(await outcome(socket)).toBe('connected');

    const ended = new Promise((resolve) => socket.once('sessions.ended', resolve));
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await owner.client.post('/api/auth/logout')).status).toBe(204);
    expect(await ended).toEqual({ reason: 'logout' });
    await disconnected;
    socket.close();
  });
});
