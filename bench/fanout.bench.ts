/**
 * Realtime fan-out on a busy night: many businesses and branches, each with kitchen screens,
 * waiters' phones and owners' tablets connected, while orders are posted over HTTP at a steady
 * rate. Measures order-to-kitchen latency (from "Enviar a cocina" to the ticket arriving on
 * every kitchen screen of that branch), events lost, events delivered to the wrong branch, and
 * the server's memory per connected socket.
 *
 * Baseline, in the same run: a bare Socket.IO server broadcasting the same payloads to the same
 * room layout after an equally bare HTTP request — no authentication, no database, no event log.
 * Ratios compare SmartKet's p50 and p99 to it.
 *
 * The server runs on the main thread; every client socket and every HTTP request runs on a
 * worker thread, so the main thread's heap holds only the server's share of each socket.
 * `--quick` runs a small layout for a few seconds.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { MenuView, ProductView } from '../shared/src/index.ts';
import { loadConfig } from '../server/src/config/env.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import { changePlan } from '../server/src/modules/plans/plans.service.ts';
import { prepareDatabases, startServer } from '../server/src/runtime.ts';
import { Browser } from './browser.ts';

const quick = process.argv.includes('--quick');
const LAYOUT = quick
  ? { tenants: 3, branchesPerTenant: 2, kitchens: 1, waiters: 4, owners: 1, ordersPerSecond: 6, seconds: 6 }
  : {
      tenants: 15,
      branchesPerTenant: 3,
      kitchens: 2,
      waiters: 20,
      owners: 3,
      ordersPerSecond: 15,
      seconds: 30,
    };
/** After the last order, how long deliveries may still arrive before the rest count as lost. */
const SETTLE_MS = 3000;

/** What the worker needs to act as every device of one branch. */
interface BranchAccess {
  branchId: string;
  /** Cookies of a paired kitchen screen, of a phone with a waiter signed in, of the owner. */
  kitchenCookie: string;
  waiterCookie: string;
  ownerCookie: string;
  /** A round the menu accepts: products and options chosen once at setup. */
  items: { productId: string; optionIds: string[] }[];
}

interface WorkerInput {
  smartketUrl: string;
  floorUrl: string;
  branches: BranchAccess[];
  layout: typeof LAYOUT;
}

type ToWorker = { run: 'smartket' | 'floor' } | { disconnect: true };
type FromWorker =
  { connected: number } | { measured: Measurement } | { disconnected: true } | { failed: string };

interface Measurement {
  target: 'smartket' | 'floor';
  sockets: number;
  orders: number;
  latencies: number[];
  expected: number;
  received: number;
  lost: number;
  wrongRoom: number;
  duplicates: number;
  failedRequests: number;
}

// ---------------------------------------------------------------------------------------------
// Main thread: PostgreSQL, SmartKet, the bare Socket.IO floor, and the memory readings

async function main(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const heapUsed = () => {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-bench-'));
  const logger = createLogger('warn');
  const embedded = await startEmbeddedPostgres({ dataDir, port: 0, logger });
  try {
    const config = loadConfig({ PORT: '0', AUTH_RATE_LIMIT_PER_IP: '1000000' });
    await prepareDatabases(config, embedded, logger);
    const server = await startServer(config, embedded, createLogger('silent'));
    const floor = await startFloorServer();
    try {
      const branches = await setUpBusinesses(server.url, async (slug) => {
        await changePlan(server.services.adminOrm.em.fork(), server.services.clock, { slug, plan: 'pro' });
      });
      const worker = new Worker(new URL(import.meta.url), {
        workerData: {
          smartketUrl: server.url,
          floorUrl: floor.url,
          branches,
          layout: LAYOUT,
        } satisfies WorkerInput,
      });
      const messages = workerMessages(worker);

      const smartketBefore = heapUsed();
      worker.postMessage({ run: 'smartket' } satisfies ToWorker);
      const smartketSockets = await messages.next('connected');
      const smartketMemory = (heapUsed() - smartketBefore) / smartketSockets.connected;
      const smartket = (await messages.next('measured')).measured;
      worker.postMessage({ disconnect: true } satisfies ToWorker);
      await messages.next('disconnected');

      const floorBefore = heapUsed();
      worker.postMessage({ run: 'floor' } satisfies ToWorker);
      const floorSockets = await messages.next('connected');
      const floorMemory = (heapUsed() - floorBefore) / floorSockets.connected;
      const bare = (await messages.next('measured')).measured;
      worker.postMessage({ disconnect: true } satisfies ToWorker);
      await messages.next('disconnected');
      await worker.terminate();

      report(smartket, bare, smartketMemory, floorMemory);
    } finally {
      await floor.close();
      await server.close();
    }
  } finally {
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function workerMessages(worker: Worker) {
  const queue: FromWorker[] = [];
  const waiting: ((message: FromWorker) => void)[] = [];
  worker.on('message', (message: FromWorker) => {
    const next = waiting.shift();
    if (next) {
      next(message);
    } else {
      queue.push(message);
    }
  });
  worker.on('error', (error) => {
    throw error;
  });
  return {
    async next<K extends 'connected' | 'measured' | 'disconnected'>(
      key: K,
    ): Promise<Extract<FromWorker, Record<K, unknown>>> {
      const message = queue.shift() ?? (await new Promise<FromWorker>((resolve) => waiting.push(resolve)));
      if ('failed' in message) {
        throw new Error(`bench worker: ${message.failed}`);
      }
      if (!(key in message)) {
        throw new Error(`bench worker: expected ${key}, got ${JSON.stringify(message)}`);
      }
      return message as Extract<FromWorker, Record<K, unknown>>;
    },
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

function report(smartket: Measurement, bare: Measurement, smartketMemory: number, floorMemory: number): void {
  const summarise = (measurement: Measurement) => {
    const sorted = [...measurement.latencies].sort((a, b) => a - b);
    return {
      deliveries: sorted.length,
      p50_ms: percentile(sorted, 0.5),
      p95_ms: percentile(sorted, 0.95),
      p99_ms: percentile(sorted, 0.99),
      max_ms: percentile(sorted, 1),
    };
  };
  const ours = summarise(smartket);
  const floor = summarise(bare);
  const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 0.1)) * 100) / 100;
  const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
  console.log(
    `${smartket.sockets} sockets in ${LAYOUT.tenants * LAYOUT.branchesPerTenant} branches of ${LAYOUT.tenants} businesses; ${smartket.orders} orders at ${LAYOUT.ordersPerSecond}/s`,
  );
  console.log(
    `order → kitchen screen: p50 ${ours.p50_ms} ms, p95 ${ours.p95_ms} ms, p99 ${ours.p99_ms} ms (${ours.deliveries} deliveries)`,
  );
  console.log(
    `events expected ${smartket.expected}, received ${smartket.received}, lost ${smartket.lost}, wrong room ${smartket.wrongRoom}, duplicates ${smartket.duplicates}, failed requests ${smartket.failedRequests}`,
  );
  console.log(
    `baseline (bare Socket.IO broadcast, no database): p50 ${floor.p50_ms} ms, p95 ${floor.p95_ms} ms, p99 ${floor.p99_ms} ms`,
  );
  console.log(
    `server memory per connected socket: ${kib(smartketMemory)} KiB (bare Socket.IO: ${kib(floorMemory)} KiB)`,
  );
  console.log(
    JSON.stringify({
      bench: 'fanout',
      quick,
      layout: LAYOUT,
      sockets: smartket.sockets,
      orders: smartket.orders,
      ...ours,
      eventsExpected: smartket.expected,
      eventsLost: smartket.lost,
      eventsWrongRoom: smartket.wrongRoom,
      eventsDuplicated: smartket.duplicates,
      failedRequests: smartket.failedRequests,
      memoryPerSocketKiB: kib(smartketMemory),
      baseline: {
        what: 'bare Socket.IO broadcast of the same payloads to the same rooms, no database',
        ...floor,
        lost: bare.lost,
        memoryPerSocketKiB: kib(floorMemory),
      },
      ratio: { p50: ratio(ours.p50_ms, floor.p50_ms), p99: ratio(ours.p99_ms, floor.p99_ms) },
    }),
  );
  if (smartket.lost > 0 || smartket.wrongRoom > 0 || smartket.failedRequests > 0) {
    process.exitCode = 1;
  }
}

/**
 * The floor: Socket.IO on a plain HTTP server. A socket names its rooms in the handshake, and
 * `POST /emit` broadcasts the body's payloads to the body's rooms — no check, no database.
 */
async function startFloorServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as { rooms?: unknown };
    if (Array.isArray(auth.rooms)) {
      void socket.join(auth.rooms.filter((room): room is string => typeof room === 'string'));
    }
  });
  httpServer.on('request', (req, res) => {
    if (req.method !== 'POST' || req.url !== '/emit') {
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        emits: { rooms: string[]; event: string; payload: unknown }[];
      };
      for (const emit of body.emits) {
        io.to(emit.rooms).emit(emit.event, emit.payload);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const address = httpServer.address();
  if (!address || typeof address === 'string') {
    throw new Error('floor server has no port');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// Setting up the businesses, over SmartKet's own API

/**
 * A round the menu accepts: two products bound for the same station (so each round is one
 * kitchen ticket), with the first options of each group that requires a choice.
 */
function roundItems(menu: MenuView): BranchAccess['items'] {
  const groups = new Map(menu.optionGroups.map((group) => [group.id, group]));
  const categoryStation = new Map(menu.categories.map((category) => [category.id, category.stationId]));
  const stationOf = (product: ProductView) =>
    product.stationId ?? categoryStation.get(product.categoryId) ?? null;
  const chosen = (product: ProductView) =>
    product.optionGroupIds.flatMap((groupId) => {
      const group = groups.get(groupId);
      const options = group?.options.filter((option) => option.active) ?? [];
      return options
        .slice(0, Math.max(group?.minChoices ?? 0, group?.required ? 1 : 0))
        .map((option) => option.id);
    });
  const active = menu.products.filter((product) => product.active);
  const [first] = active;
  if (!first) {
    throw new Error('the sample menu has no products');
  }
  const second = active.find((product) => product !== first && stationOf(product) === stationOf(first));
  return [first, ...(second ? [second] : [])].map((product) => ({
    productId: product.id,
    optionIds: chosen(product),
  }));
}

async function setUpBusinesses(
  url: string,
  upgrade: (slug: string) => Promise<void>,
): Promise<BranchAccess[]> {
  const branches: BranchAccess[] = [];
  for (let tenant = 0; tenant < LAYOUT.tenants; tenant += 1) {
    const owner = new Browser(url);
    await owner.send(
      'POST',
      '/api/auth/signup',
      {
        email: `bench.fanout.${tenant}@example.pe`,
        password: 'pollo-a-la-brasa-2026',
        displayName: `Dueño ${tenant + 1}`,
        businessName: `Pollería ${tenant + 1}`,
      },
      201,
    );
    const current = await owner.send<{ tenant: { slug: string } }>('GET', '/api/tenant');
    await upgrade(current.tenant.slug);
    await owner.send('POST', '/api/tenant/menu/sample', {});
    const items = roundItems(await owner.send<MenuView>('GET', '/api/tenant/menu'));

    for (let index = 0; index < LAYOUT.branchesPerTenant; index += 1) {
      const branch = await owner.send<{ branch: { id: string } }>(
        'POST',
        '/api/tenant/branches',
        { name: `Local ${index + 1}`, address: null, district: null },
        201,
      );
      const branchId = branch.branch.id;
      const pair = async (kind: 'kitchen_screen' | 'shared_phone'): Promise<Browser> => {
        const code = await owner.send<{ code: string }>(
          'POST',
          '/api/tenant/devices/pairing-codes',
          { branchId, kind, name: kind === 'kitchen_screen' ? 'Cocina' : 'Celular' },
          201,
        );
        const device = new Browser(url);
        await device.send('POST', '/api/device/pair', { code: code.code }, 201);
        return device;
      };
      const kitchen = await pair('kitchen_screen');
      const phone = await pair('shared_phone');
      const waiter = await owner.send<{ id: string }>(
        'POST',
        '/api/tenant/staff',
        { name: `Mozo ${index + 1}`, role: 'waiter', branchIds: [branchId], pin: '4826' },
        201,
      );
      await phone.send('POST', '/api/device/sign-in', { staffId: waiter.id, pin: '4826' });
      branches.push({
        branchId,
        kitchenCookie: kitchen.cookieHeader,
        waiterCookie: phone.cookieHeader,
        ownerCookie: owner.cookieHeader,
        items,
      });
    }
  }
  return branches;
}

// ---------------------------------------------------------------------------------------------
// Worker thread: the sockets and the load

interface Listener {
  branchId: string;
  kind: 'kitchen' | 'floor';
  socket: Socket;
  seen: Set<string>;
}

interface Envelope {
  branchId: string;
  seq: number;
  kitchenSeq: number | null;
  type: string;
  payload: { ticket?: { orderId: string }; order?: { id: string } };
}

function runClients(input: WorkerInput): void {
  const port = parentPort;
  if (!port) {
    throw new Error('not a worker');
  }
  let listeners: Listener[] = [];
  port.on('message', (message: ToWorker) => {
    const work =
      'run' in message
        ? measure(input, message.run, (connected) => {
            listeners = connected;
            port.postMessage({ connected: connected.length } satisfies FromWorker);
          }).then((measured) => port.postMessage({ measured } satisfies FromWorker))
        : Promise.resolve().then(() => {
            for (const listener of listeners) {
              listener.socket.disconnect();
            }
            listeners = [];
            port.postMessage({ disconnected: true } satisfies FromWorker);
          });
    work.catch((error: unknown) => port.postMessage({ failed: String(error) } satisfies FromWorker));
  });
}

const now = () => performance.timeOrigin + performance.now();

async function measure(
  input: WorkerInput,
  target: 'smartket' | 'floor',
  onConnected: (listeners: Listener[]) => void,
): Promise<Measurement> {
  const { layout } = input;
  const url = target === 'smartket' ? input.smartketUrl : input.floorUrl;
  const listeners: Listener[] = [];
  /** Order id → when its round was posted and which branch it belongs to. */
  const posted = new Map<string, { at: number; branchId: string }>();
  const latencies: number[] = [];
  let wrongRoom = 0;
  let duplicates = 0;

  const open = (access: BranchAccess, kind: Listener['kind'], cookie: string, user: boolean) => {
    const floorRooms =
      kind === 'kitchen'
        ? [`b:${access.branchId}:kitchen`]
        : [`b:${access.branchId}`, `b:${access.branchId}:kitchen`];
    const socket = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: target === 'smartket' ? { cookie } : {},
      auth: target === 'smartket' ? (user ? { branchId: access.branchId } : {}) : { rooms: floorRooms },
    });
    const listener: Listener = { branchId: access.branchId, kind, socket, seen: new Set() };
    const onEvent = (event: Envelope) => {
      if (event.branchId !== access.branchId) {
        wrongRoom += 1;
        return;
      }
      const key = `${event.type}:${event.seq}`;
      if (listener.seen.has(key)) {
        duplicates += 1;
        return;
      }
      listener.seen.add(key);
      const orderId = event.payload.ticket?.orderId;
      const round = orderId ? posted.get(orderId) : undefined;
      if (kind === 'kitchen' && event.type === 'tickets.created' && round) {
        latencies.push(now() - round.at);
      }
    };
    for (const type of [
      'orders.opened',
      'orders.updated',
      'orders.closed',
      'tickets.created',
      'tickets.updated',
    ]) {
      socket.on(type, onEvent);
    }
    listeners.push(listener);
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
  };

  for (const access of input.branches) {
    const pending: Promise<void>[] = [];
    for (let index = 0; index < layout.kitchens; index += 1) {
      pending.push(open(access, 'kitchen', access.kitchenCookie, false));
    }
    for (let index = 0; index < layout.waiters; index += 1) {
      pending.push(open(access, 'floor', access.waiterCookie, false));
    }
    for (let index = 0; index < layout.owners; index += 1) {
      pending.push(open(access, 'floor', access.ownerCookie, true));
    }
    await Promise.all(pending);
  }
  onConnected(listeners);

  const sequences = new Map<string, number>();
  let failedRequests = 0;
  const postOrder = (access: BranchAccess) =>
    (target === 'smartket'
      ? postSmartketOrder(url, access, posted)
      : postFloorOrder(url, access, posted, sequences)
    ).catch(() => {
      failedRequests += 1;
    });

  // A restaurant that is already serving: each branch's first order (which opens its business's
  // database pool and warms the code paths) is sent before the clock starts, and not timed.
  await Promise.all(input.branches.map(postOrder));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  latencies.length = 0;
  const totalOrders = layout.ordersPerSecond * layout.seconds;
  const interval = 1000 / layout.ordersPerSecond;
  const started = now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < totalOrders; index += 1) {
    const due = started + index * interval;
    const wait = due - now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const access = input.branches[index % input.branches.length]!;
    inFlight.push(postOrder(access));
  }
  await Promise.all(inFlight);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  // Every branch's floor sockets should have every event of their branch; kitchens its tickets.
  const floorEvents = new Map<string, number>();
  const kitchenEvents = new Map<string, number>();
  for (const round of posted.values()) {
    floorEvents.set(round.branchId, (floorEvents.get(round.branchId) ?? 0) + 3);
    kitchenEvents.set(round.branchId, (kitchenEvents.get(round.branchId) ?? 0) + 1);
  }
  let expected = 0;
  let received = 0;
  for (const listener of listeners) {
    expected += (listener.kind === 'kitchen' ? kitchenEvents : floorEvents).get(listener.branchId) ?? 0;
    received += listener.seen.size;
  }
  return {
    target,
    sockets: listeners.length,
    orders: totalOrders,
    latencies,
    expected,
    received,
    lost: Math.max(0, expected - received),
    wrongRoom,
    duplicates,
    failedRequests,
  };
}

async function post(
  url: string,
  route: string,
  cookie: string,
  body: unknown,
  expected: number,
): Promise<void> {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { origin: url, cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (response.status !== expected) {
    throw new Error(`${route}: ${response.status}`);
  }
}

/** A takeaway order and its first round, as a waiter's phone sends them. */
async function postSmartketOrder(
  url: string,
  access: BranchAccess,
  posted: Map<string, { at: number; branchId: string }>,
): Promise<void> {
  const orderId = crypto.randomUUID();
  await post(
    url,
    '/api/tenant/orders',
    access.waiterCookie,
    { id: orderId, branchId: access.branchId, type: 'takeaway', customer: { name: 'Cliente' } },
    201,
  );
  // One ticket per round: the items share a station in the sample menu's first category.
  posted.set(orderId, { at: now(), branchId: access.branchId });
  await post(
    url,
    `/api/tenant/orders/${orderId}/rounds`,
    access.waiterCookie,
    {
      id: crypto.randomUUID(),
      items: access.items.map((item) => ({ id: crypto.randomUUID(), quantity: 1, ...item })),
    },
    201,
  );
}

/** The same two requests and the same three broadcasts, on the bare floor server. */
async function postFloorOrder(
  url: string,
  access: BranchAccess,
  posted: Map<string, { at: number; branchId: string }>,
  sequences: Map<string, number>,
): Promise<void> {
  const orderId = crypto.randomUUID();
  const floorRooms = [`b:${access.branchId}`];
  const bothRooms = [`b:${access.branchId}`, `b:${access.branchId}:kitchen`];
  const envelope = (type: string, payload: unknown) => {
    const seq = (sequences.get(access.branchId) ?? 0) + 1;
    sequences.set(access.branchId, seq);
    return { branchId: access.branchId, seq, kitchenSeq: null, at: new Date().toISOString(), type, payload };
  };
  const order = sampleOrder(orderId, access);
  await post(
    url,
    '/emit',
    '',
    { emits: [{ rooms: floorRooms, event: 'orders.opened', payload: envelope('orders.opened', { order }) }] },
    200,
  );
  posted.set(orderId, { at: now(), branchId: access.branchId });
  await post(
    url,
    '/emit',
    '',
    {
      emits: [
        { rooms: floorRooms, event: 'orders.updated', payload: envelope('orders.updated', { order }) },
        {
          rooms: bothRooms,
          event: 'tickets.created',
          payload: envelope('tickets.created', { ticket: sampleTicket(orderId, access) }),
        },
      ],
    },
    200,
  );
}

/** Payloads the size of SmartKet's: a takeaway order with two items, and its ticket. */
function sampleOrder(orderId: string, access: BranchAccess) {
  const at = new Date().toISOString();
  const roundId = crypto.randomUUID();
  return {
    id: orderId,
    branchId: access.branchId,
    number: 1,
    type: 'takeaway',
    status: 'open',
    tableIds: [],
    guests: null,
    customer: { name: 'Cliente', phone: null, address: null },
    note: null,
    waiter: { kind: 'staff', id: crypto.randomUUID(), name: 'Mozo 1' },
    openedAt: at,
    billRequestedAt: null,
    closedAt: null,
    mergedIntoId: null,
    rounds: [{ id: roundId, number: 1, sentAt: at, sentByName: 'Mozo 1' }],
    items: access.items.map((item) => ({
      id: crypto.randomUUID(),
      roundId,
      productId: item.productId,
      name: '1/4 de pollo a la brasa',
      quantity: 1,
      unitPriceCents: 2190,
      options: item.optionIds.map((optionId) => ({
        optionId,
        groupName: 'Presa',
        name: 'Pecho',
        priceDeltaCents: 0,
      })),
      note: null,
      stationId: crypto.randomUUID(),
      ticketId: crypto.randomUUID(),
      status: 'pending',
      readyAt: null,
      servedAt: null,
      voidedAt: null,
      voidReason: null,
      voidedByName: null,
    })),
    totalCents: 2190 * access.items.length,
  };
}

function sampleTicket(orderId: string, access: BranchAccess) {
  return {
    id: crypto.randomUUID(),
    branchId: access.branchId,
    orderId,
    orderType: 'takeaway',
    orderNumber: 1,
    orderLabel: 'Llevar #1 · Cliente',
    waiterName: 'Mozo 1',
    waiterId: crypto.randomUUID(),
    roundNumber: 1,
    stationId: crypto.randomUUID(),
    status: 'pending',
    createdAt: new Date().toISOString(),
    startedAt: null,
    readyAt: null,
    recalledAt: null,
    items: access.items.map(() => ({
      id: crypto.randomUUID(),
      name: '1/4 de pollo a la brasa',
      quantity: 1,
      options: ['Pecho'],
      note: null,
      status: 'pending',
    })),
  };
}

// Last, once every class and constant above is initialised.
if (isMainThread) {
  await main();
} else {
  runClients(workerData as WorkerInput);
}
