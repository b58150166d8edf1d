/**
 * Charging on a busy night: how many charges per second one branch can take on one receipt
 * series (B001) with gapless correlatives, and what the gapless numbering costs.
 *
 * Every charge pays a whole takeaway order (balance, exact cash, boleta) through the real charge
 * transaction: the order locked, the session read, the sale with its line and tender, the number,
 * the order closed, the floor event logged. `CONCURRENCY` cashiers charge at once.
 *
 * - Over HTTP: `POST /api/tenant/orders/:id/charges`, what a cashier's tablet does.
 * - Without numbering (the baseline), in the same run: numbering is the one step the API cannot
 *   leave out, so both sides of the ratio run in-process through the same `chargeOrder` service
 *   and the same tenant pool a request leases — once with the gapless `takeReceiptNumber`
 *   (UPDATE … RETURNING on the series row, held until commit), once with a number from a
 *   PostgreSQL sequence created for the bench (no row lock; a rollback would leave a gap). The
 *   swap is the service's `numbering` argument, which no route passes. The two in-process runs
 *   alternate in short stretches (A B B A…) so warm-up and a busy machine favour neither. Ratio =
 *   gapless ÷ sequence charges/s.
 *
 * The gapless numbers (HTTP and in-process) are then checked to be exactly 1..N, without a gap
 * or a repeat, and every order closed. `--quick` charges fewer orders; `--concurrency=N` sets how
 * many cashiers charge at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import { ChargeInput } from '../shared/src/index.ts';
import { loadConfig } from '../server/src/config/env.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { selectRows } from '../server/src/db/queries.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import type { Actor } from '../server/src/modules/auth/actor.ts';
import { CashRegister } from '../server/src/modules/branches/cash-register.entity.ts';
import { CashSession } from '../server/src/modules/cash/cash-session.entity.ts';
import { takeReceiptNumber } from '../server/src/modules/sales/sales.repository.ts';
import { chargeOrder, type ReceiptNumbering } from '../server/src/modules/sales/sales.service.ts';
import { Tenant } from '../server/src/modules/tenants/tenant.entity.ts';
import { prepareDatabases, startServer, type RunningServer } from '../server/src/runtime.ts';
import { Browser } from './browser.ts';

const quick = process.argv.includes('--quick');
/** Charges per measured run (HTTP, in-process gapless, in-process without numbering). */
const CHARGES = quick ? 60 : 400;
/** Cashiers charging at once (`--concurrency=N`). */
const CONCURRENCY = Number(
  process.argv.find((arg) => arg.startsWith('--concurrency='))?.split('=')[1] ?? (quick ? 4 : 8),
);
const WARMUP = quick ? 10 : 40;
/** How many alternating stretches the in-process charges are measured in. */
const SEGMENTS = quick ? 2 : 8;
/** 1/4 de pollo (S/ 19.90) and an Inca Kola (S/ 5.00). */
const ORDER_CENTS = 1990 + 500;
/** Baseline numbers start here, far above any gapless one: both share series B001. */
const SEQUENCE_START = 10_000_000;

interface Business {
  owner: Browser;
  actor: Actor;
  tenant: Tenant;
  branchId: string;
  sessionId: string;
  products: string[];
  withTenant<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
}

/** A business with one branch, two products, and a cash session open on a register. */
async function setUpBusiness(server: RunningServer): Promise<Business> {
  const owner = new Browser(server.url);
  const email = 'bench.checkout@example.pe';
  const me = await owner.send<{ user: { id: string }; activeTenantId: string }>(
    'POST',
    '/api/auth/signup',
    {
      email,
      password: 'pollo-a-la-brasa-2026',
      displayName: 'Dueña del bench',
      businessName: 'Pollería del Bench',
    },
    201,
  );
  const branch = await owner.send<{ branch: { id: string } }>(
    'POST',
    '/api/tenant/branches',
    { name: 'Miraflores', address: 'Av. Larco 123', district: 'Miraflores' },
    201,
  );
  const category = await owner.send<{ id: string }>(
    'POST',
    '/api/tenant/menu/categories',
    { name: 'Pollos', stationId: null },
    201,
  );
  const product = (name: string, priceCents: number) =>
    owner.send<{ id: string }>(
      'POST',
      '/api/tenant/menu/products',
      { name, priceCents, categoryId: category.id },
      201,
    );
  const products = [
    (await product('1/4 Pollo a la brasa', 1990)).id,
    (await product('Inca Kola 500 ml', 500)).id,
  ];

  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, me.activeTenantId, { populate: ['databasePasswordSealed'] });
  const database = server.services.locator.locate(tenant);
  const withTenant = <T>(fn: (em: EntityManager) => Promise<T>) =>
    server.services.registry.withTenant(database, fn);
  const branchId = branch.branch.id;
  // The till, written straight into the tenant database: the bench measures charging, not opening a till.
  const sessionId = await withTenant(async (em) => {
    const register = em.create(CashRegister, { branchId, name: 'Caja 1' });
    await em.flush();
    const session = em.create(CashSession, {
      id: crypto.randomUUID(),
      branchId,
      registerId: register.id,
      status: 'open',
      openingFloatCents: 20000,
      openedByKind: 'user',
      openedById: me.user.id,
      openedByName: email,
      openedAt: new Date(),
    });
    await em.flush();
    await em.getConnection().execute(`create sequence bench_receipt_numbers start ${SEQUENCE_START}`);
    return session.id;
  });
  const actor: Actor = {
    kind: 'user',
    role: 'owner',
    id: me.user.id,
    name: email,
    branchId: null,
    device: null,
    sessionId: 'bench',
  };
  return { owner, actor, tenant, branchId, sessionId, products, withTenant };
}

/** `count` takeaway orders of the branch, each with its round sent: ready to be charged. */
async function openOrders(business: Business, count: number): Promise<string[]> {
  const ids: string[] = [];
  await pool(count, 8, async (index) => {
    const id = crypto.randomUUID();
    await business.owner.send(
      'POST',
      '/api/tenant/orders',
      { id, branchId: business.branchId, type: 'takeaway', customer: { name: `Cliente ${index + 1}` } },
      201,
    );
    await business.owner.send(
      'POST',
      `/api/tenant/orders/${id}/rounds`,
      {
        id: crypto.randomUUID(),
        items: business.products.map((productId) => ({ id: crypto.randomUUID(), productId, quantity: 1 })),
      },
      201,
    );
    ids.push(id);
  });
  return ids;
}

/** The body a cashier's screen sends to charge a whole order of `ORDER_CENTS` in exact cash. */
function chargeBody(sessionId: string) {
  return {
    id: crypto.randomUUID(),
    sessionId,
    expectedVersion: 2,
    expectedAmountCents: ORDER_CENTS,
    part: { kind: 'balance' },
    receipt: { type: 'boleta', customerId: null },
    payments: [{ method: 'cash', amountCents: ORDER_CENTS }],
  };
}

/** Runs `work(0…count-1)` with `concurrency` at once; answers the elapsed time and each one's latency. */
async function pool(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        const begun = performance.now();
        await work(index);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

interface Run {
  charges: number;
  seconds: number;
  latencies: number[];
}

function summary(run: Run) {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (fraction: number) =>
    Math.round(
      (sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1))] ?? 0) * 10,
    ) / 10;
  return {
    charges: run.charges,
    charges_per_s: Math.round((run.charges / run.seconds) * 10) / 10,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    max_ms: at(1),
  };
}

function combine(runs: readonly Run[]): Run {
  return {
    charges: runs.reduce((sum, run) => sum + run.charges, 0),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    latencies: runs.flatMap((run) => run.latencies),
  };
}

/** A number from the bench's sequence: no lock, no gaplessness. */
const sequenceNumbering: ReceiptNumbering = async (tx) => {
  const [row] = await selectRows<{ number: string }>(tx, `select nextval('bench_receipt_numbers') as number`);
  return Number(row?.number);
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-bench-'));
const logger = createLogger('warn');
const embedded = await startEmbeddedPostgres({ dataDir, port: 0, logger });
try {
  const config = loadConfig({ PORT: '0', AUTH_RATE_LIMIT_PER_IP: '1000000' });
  await prepareDatabases(config, embedded, logger);
  const server = await startServer(config, embedded, createLogger('silent'));
  try {
    const business = await setUpBusiness(server);
    const orders = await openOrders(business, WARMUP * 2 + CHARGES * 3);
    const take = (count: number) => orders.splice(0, count);

    const overHttp = async (orderIds: string[]): Promise<Run> => {
      const run = await pool(orderIds.length, CONCURRENCY, async (index) => {
        await business.owner.send(
          'POST',
          `/api/tenant/orders/${orderIds[index]}/charges`,
          chargeBody(business.sessionId),
          201,
        );
      });
      return { charges: orderIds.length, ...run };
    };
    const inProcess = async (orderIds: string[], numbering: ReceiptNumbering): Promise<Run> => {
      const run = await pool(orderIds.length, CONCURRENCY, async (index) => {
        const input = ChargeInput.parse(chargeBody(business.sessionId));
        await business.withTenant(async (em) => {
          const change = await chargeOrder(
            { em, actor: business.actor, tenant: business.tenant, now: new Date() },
            orderIds[index]!,
            input,
            numbering,
          );
          if (!change.created) {
            throw new Error('a fresh charge answered as a repeat');
          }
        });
      });
      return { charges: orderIds.length, ...run };
    };

    await overHttp(take(WARMUP));
    await inProcess(take(WARMUP), sequenceNumbering);
    // Short runs in the order A B B A A B B A…, so warm-up and a busy machine favour neither side.
    const baseline: Run[] = [];
    const gapless: Run[] = [];
    for (let segment = 0; segment < SEGMENTS; segment += 1) {
      const size = Math.floor(CHARGES / SEGMENTS) + (segment < CHARGES % SEGMENTS ? 1 : 0);
      const gaplessFirst = segment % 2 === 1;
      for (const numbering of gaplessFirst ? ['gapless', 'sequence'] : ['sequence', 'gapless']) {
        if (numbering === 'gapless') {
          gapless.push(await inProcess(take(size), takeReceiptNumber));
        } else {
          baseline.push(await inProcess(take(size), sequenceNumbering));
        }
      }
    }
    const http = await overHttp(take(CHARGES));

    const check = await business.withTenant(async (em) => {
      const numbers = await selectRows<{ number: number }>(
        em,
        `select number from sales where series = 'B001' and number < ? order by number`,
        [SEQUENCE_START],
      );
      const [open] = await selectRows<{ count: number }>(
        em,
        `select count(*)::int as count from orders where status <> 'closed'`,
      );
      const [series] = await selectRows<{ count: number }>(
        em,
        `select count(*)::int as count from receipt_series`,
      );
      return {
        numbers: numbers.map((row) => row.number),
        openOrders: open?.count ?? -1,
        series: series?.count ?? -1,
      };
    });
    const expectedGapless = WARMUP + CHARGES * 2;
    const gaplessOk =
      check.numbers.length === expectedGapless &&
      check.numbers.every((number, index) => number === index + 1);
    if (!gaplessOk || check.openOrders !== 0 || check.series !== 1) {
      throw new Error(
        `numbering check failed: ${check.numbers.length} gapless numbers (expected 1..${expectedGapless}), ${check.openOrders} orders left open, ${check.series} series`,
      );
    }

    const overHttpSummary = summary(http);
    const withNumbers = summary(combine(gapless));
    const withoutNumbers = summary(combine(baseline));
    const ratio = Math.round((withNumbers.charges_per_s / withoutNumbers.charges_per_s) * 100) / 100;
    console.log(
      `one branch, one series, ${CONCURRENCY} cashiers at once, tenant pool of ${config.tenantPools.poolMax} connections`,
    );
    console.log(
      `over HTTP, gapless: ${overHttpSummary.charges_per_s} charges/s (p50 ${overHttpSummary.p50_ms} ms, p95 ${overHttpSummary.p95_ms} ms)`,
    );
    console.log(
      `in-process, gapless: ${withNumbers.charges_per_s} charges/s (p50 ${withNumbers.p50_ms} ms, p95 ${withNumbers.p95_ms} ms)`,
    );
    console.log(
      `in-process, without numbering (sequence): ${withoutNumbers.charges_per_s} charges/s (p50 ${withoutNumbers.p50_ms} ms, p95 ${withoutNumbers.p95_ms} ms)`,
    );
    console.log(
      `ratio gapless / without: ${ratio}; B001 numbers 1..${expectedGapless} without a gap or a repeat`,
    );
    console.log(
      JSON.stringify({
        bench: 'checkout',
        concurrency: CONCURRENCY,
        tenantPool: config.tenantPools.poolMax,
        http: { numbering: 'gapless', ...overHttpSummary },
        inProcess: {
          gapless: withNumbers,
          baseline: { what: 'same charge, number from a PostgreSQL sequence', ...withoutNumbers },
        },
        ratio,
        gaplessNumbers: expectedGapless,
        gapless: gaplessOk,
      }),
    );
  } finally {
    await server.close();
  }
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
