import { rooms } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOwnerWithBranch,
  buildStaff,
  disconnected,
  expectStatus,
  nextEvent,
  openSocket,
  pairDevice,
  pauseAfterNextCall,
  signIn,
  socketOutcome,
} from './actors.ts';
import { buildTenant } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * A socket's handshake reads its credential before the socket is connected, and broadcasts only
 * reach connected sockets. Each test here ends the credential in that gap — the handshake has
 * read it, the socket is not connected yet — and expects the socket told once and dropped anyway.
 */
describe('a socket whose credential ends during its handshake', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** How many connected sockets are in `room`. */
  async function inRoom(room: string): Promise<number> {
    return (await server.io.in(room).fetchSockets()).length;
  }

  it('is told a revoked kitchen screen was unpaired, and leaves its kitchen room', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const { client: screen, session } = await pairDevice(server, owner, {
      branchId,
      kind: 'kitchen_screen',
      name: 'Pantalla brasa',
    });
    const handshake = pauseAfterNextCall(server.services.devices, 'authenticate');
    const socket = openSocket(server, screen.cookieHeader());
    const connected = socketOutcome(socket);
    const told = nextEvent(socket, 'devices.revoked');
    const gone = disconnected(socket);

    await handshake.reached;
    expectStatus(await owner.client.post(`/api/tenant/devices/${session.device.id}/revoke`), 200);
    handshake.resume();

    expect(await connected).toBe('connected');
    expect(await told).toEqual({ deviceId: session.device.id });
    await gone;
    expect(await inRoom(rooms.kitchen(owner.tenantId, branchId))).toBe(0);
    socket.close();
  });

  it('is told a PIN sign-in ended, and leaves its branch room', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const waiter = await buildStaff(owner, { name: 'Rosa Quispe', branchIds: [branchId] });
    const { client: phone } = await pairDevice(server, owner, { branchId });
    await signIn(phone, waiter.id);
    const handshake = pauseAfterNextCall(server.services.devices, 'authenticate');
    const socket = openSocket(server, phone.cookieHeader());
    const ended = nextEvent<{ reason: string }>(socket, 'staff_sessions.ended');
    const gone = disconnected(socket);

    await handshake.reached;
    expectStatus(await owner.client.patch(`/api/tenant/staff/${waiter.id}`, { active: false }), 200);
    handshake.resume();

    // By the re-check of its credential once connected: the deactivation's own broadcast tells
    // and drops only the sockets already in their rooms.
    expect((await ended).reason).toBe('signed_out');
    await gone;
    expect(await inRoom(rooms.branch(owner.tenantId, branchId))).toBe(0);
    socket.close();
  });

  it('is dropped when its e-mail session is logged out, and leaves its tenant room', async () => {
    const owner = await buildTenant(server);
    const cookie = owner.client.cookie;
    const handshake = pauseAfterNextCall(server.services.sessions, 'validate');
    const socket = openSocket(server, cookie);
    const told: unknown[] = [];
    socket.on('sessions.ended', (payload: unknown) => told.push(payload));
    const gone = disconnected(socket);

    await handshake.reached;
    expect((await owner.client.post('/api/auth/logout')).status).toBe(204);
    handshake.resume();

    await gone;
    expect(told).toEqual([{ reason: 'logout' }]);
    expect(await inRoom(rooms.tenant(owner.tenantId))).toBe(0);
    socket.close();
  });

  it('keeps a socket whose credential still holds', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const { client: screen } = await pairDevice(server, owner, { branchId, kind: 'kitchen_screen' });
    const socket = openSocket(server, screen.cookieHeader());
    expect(await socketOutcome(socket)).toBe('connected');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.connected).toBe(true);
    expect(await inRoom(rooms.kitchen(owner.tenantId, branchId))).toBe(1);
    socket.close();
  });
});
