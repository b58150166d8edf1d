import net from 'node:net';
import { Writable } from 'node:stream';
import { rooms } from '@smartket/shared';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { createLogger, type Logger } from '../src/lib/logger.ts';
import { startServer } from '../src/runtime.ts';
import {
  buildOwnerWithBranch,
  expectStatus,
  nextEvent,
  openSocket,
  pairDevice,
  socketOutcome,
} from './actors.ts';
import { ApiClient, startTestServer, type TestServer } from './test-server.ts';

/**
 * Two SmartKet instances on one admin database, the way a deploy scales out behind a load
 * balancer: a phone's socket may sit on one while the owner's request lands on the other, and
 * the broadcast must still reach it — once.
 */
describe('several instances on one admin database', () => {
  let a: TestServer;
  let b: TestServer;
  const logOfB: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    a = await startTestServer();
    b = await startAnotherInstance(a, capturingLogger(logOfB));
    // Each has heard the other's heartbeat: both LISTEN, and each knows the cluster has two. A
    // first heartbeat sent before the other instance listened is only made up by the next one,
    // which the adapter sends every 5 s: wait past that.
    await eventually(async () => (await serverCount(a)) === 2 && (await serverCount(b)) === 2, 12_000);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('tells a device revoked through one instance, on the other, once, and drops its sockets on both', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(a);
    const { client: screen, session } = await pairDevice(a, owner, { branchId, kind: 'kitchen_screen' });
    const onB = openSocket(b, screen.cookieHeader());
    const onA = openSocket(a, screen.cookieHeader());
    try {
      expect(await Promise.all([socketOutcome(onB), socketOutcome(onA)])).toEqual(['connected', 'connected']);
      const deviceRoom = rooms.device(owner.tenantId, session.device.id);
      // Either instance sees the device's sockets on both.
      const everywhere = await a.io.in(deviceRoom).fetchSockets();
      expect(everywhere.map((socket) => socket.id).sort()).toEqual([onA.id, onB.id].sort());

      const heardOnB = recordEvents(onB);
      const heardOnA = recordEvents(onA);
      const droppedB = disconnectReason(onB);
      const droppedA = disconnectReason(onA);
      expectStatus(await owner.client.post(`/api/tenant/devices/${session.device.id}/revoke`), 200);

      expect(await droppedB).toBe('io server disconnect');
      expect(await droppedA).toBe('io server disconnect');
      const told = { event: 'devices.revoked', payload: { deviceId: session.device.id } };
      expect(heardOnB).toEqual([told]);
      expect(heardOnA).toEqual([told]);
      expect(await b.io.in(deviceRoom).fetchSockets()).toEqual([]);
      expect(await a.io.in(deviceRoom).fetchSockets()).toEqual([]);
    } finally {
      onB.close();
      onA.close();
    }
  });

  it("shares a message over NOTIFY's 8000-byte limit through the attachments table, in order, once", async () => {
    const { owner, branchId } = await buildOwnerWithBranch(a);
    const { client: screen } = await pairDevice(a, owner, { branchId, kind: 'kitchen_screen' });
    const onB = openSocket(b, screen.cookieHeader());
    const onA = openSocket(a, screen.cookieHeader());
    try {
      expect(await Promise.all([socketOutcome(onB), socketOutcome(onA)])).toEqual(['connected', 'connected']);
      const heardOnB = recordEvents(onB);
      const heardOnA = recordEvents(onA);
      const lastAttachment = await maxAttachmentId(a);

      // The payloads are probes: what is tested is their size, not their meaning.
      const small = { deviceId: 'probe-small' };
      const large = { deviceId: `probe-large-${'x'.repeat(20_000)}` };
      for (const payload of [small, large]) {
        a.services.broadcaster.publish({
          rooms: [rooms.kitchen(owner.tenantId, branchId)],
          event: 'devices.revoked',
          payload,
        });
      }

      await eventually(() => heardOnB.length >= 2 && heardOnA.length >= 2);
      // Anything sent twice would have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const expected = [small, large].map((payload) => ({ event: 'devices.revoked', payload }));
      expect(heardOnB).toEqual(expected);
      expect(heardOnA).toEqual(expected);
      expect(await maxAttachmentId(a)).toBeGreaterThan(lastAttachment);
    } finally {
      onB.close();
      onA.close();
    }
  });

  it("keeps sharing after the database drops the adapter's connections, and logs it", async () => {
    const { owner, branchId } = await buildOwnerWithBranch(a);
    const { client: screen } = await pairDevice(a, owner, { branchId, kind: 'kitchen_screen' });
    const onB = openSocket(b, screen.cookieHeader());
    try {
      expect(await socketOutcome(onB)).toBe('connected');

      // What a database restart or a failover does to every instance's connections.
      const terminated = await withSqlClient(a.adminUrl, async (sql) => {
        const result = await sql.query<{ terminated: boolean }>(
          `select pg_terminate_backend(pid) as terminated from pg_stat_activity
            where application_name = 'smartket-realtime' and datname = current_database()`,
        );
        return result.rows.filter((row) => row.terminated).length;
      });
      expect(terminated).toBeGreaterThanOrEqual(2);
      // The adapter connects again after one to three seconds.
      await eventually(async () => (await listeningConnections(a)) === 2, 10_000);

      const heard = nextEvent(onB, 'devices.revoked');
      a.services.broadcaster.publish({
        rooms: [rooms.kitchen(owner.tenantId, branchId)],
        event: 'devices.revoked',
        payload: { deviceId: 'probe-after-restart' },
      });
      expect(await heard).toEqual({ deviceId: 'probe-after-restart' });
      expect(logOfB).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'realtime adapter lost its database connection' }),
      );
    } finally {
      onB.close();
    }
  });
});

describe('an instance that stops while broadcasts are still queued', () => {
  it('closes without releasing a connection twice or crashing the process', async () => {
    const server = await startTestServer();
    await eventually(async () => (await listeningConnections(server)) === 1);
    const crashes: unknown[] = [];
    const warnings: string[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('uncaughtException', onCrash);
    process.on('warning', onWarning);
    try {
      // Over NOTIFY's limit, each waits for the adapter's one free connection, twice (row, then
      // NOTIFY): most are still waiting when Socket.IO hands back the LISTEN connection.
      for (let index = 0; index < 40; index += 1) {
        server.services.broadcaster.publish({
          rooms: [rooms.tenant(crypto.randomUUID())],
          event: 'devices.revoked',
          payload: { deviceId: `probe-${index}-${'x'.repeat(10_000)}` },
        });
      }
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('warning', onWarning);
    }
    expect(crashes).toEqual([]);
    expect(warnings.filter((message) => message.includes('already executing a query'))).toEqual([]);
    expect(await realtimeConnections(server)).toBe(0);
  });
});

describe('an instance that cannot start', () => {
  it('stops at once, leaving no realtime connection behind', async () => {
    const previous = await startTestServer();
    await previous.close();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as net.AddressInfo;
      const starting = startServer(
        { ...previous.config, port },
        { adminUrl: previous.adminUrl, secretKey: inject('secretKey') },
        createLogger('silent'),
      );
      await expect(starting).rejects.toThrow(/EADDRINUSE/);
      // Past the adapter's longest reconnection delay (3 s): nothing came back.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect(await realtimeConnections(previous)).toBe(0);
    } finally {
      taken.close();
    }
  });
});

/** Another SmartKet on `server`'s admin database (and so its tenant databases), both running. */
async function startAnotherInstance(server: TestServer, logger: Logger): Promise<TestServer> {
  const running = await startServer(
    server.config,
    { adminUrl: server.adminUrl, secretKey: inject('secretKey') },
    logger,
  );
  return {
    ...running,
    adminUrl: server.adminUrl,
    postgresUrl: server.postgresUrl,
    config: server.config,
    client: () => new ApiClient(running.url),
  };
}

function capturingLogger(lines: { level: number; msg: string }[]): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  return pino({ level: 'warn' }, sink);
}

function serverCount(server: TestServer): Promise<number> {
  return server.io.of('/').adapter.serverCount();
}

/** Every event the socket hears from now on, in order. */
function recordEvents(socket: Socket): { event: string; payload: unknown }[] {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

function disconnectReason(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected after 5 s')), 5000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function maxAttachmentId(server: TestServer): Promise<number> {
  return withSqlClient(server.adminUrl, async (sql) => {
    const result = await sql.query<{ id: string | null }>('select max(id) as id from socket_io_attachments');
    return Number(result.rows[0]?.id ?? 0);
  });
}

async function realtimeConnections(server: TestServer): Promise<number> {
  return countActivity(server, '');
}

/** The adapter's connections that have run their LISTEN. */
async function listeningConnections(server: TestServer): Promise<number> {
  return countActivity(server, 'LISTEN');
}

async function countActivity(server: TestServer, queryPrefix: string): Promise<number> {
  return withSqlClient(server.adminUrl, async (sql) => {
    const result = await sql.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where application_name = 'smartket-realtime' and datname = current_database()
          and query like $1 || '%'`,
      [queryPrefix],
    );
    return result.rows[0]?.n ?? 0;
  });
}
