/**
 * PIN sign-in on a shared phone: how long a waiter waits from tapping "Entrar" until signed in,
 * through the whole HTTP path (device credential, lockout row locked FOR UPDATE, argon2id
 * verify, staff session, audit entry), one at a time and as a shift change where every waiter
 * of the branch signs in at once. Baseline, in the same run: argon2id verifying the same PIN
 * alone, the floor any PIN sign-in pays. `--quick` runs fewer sign-ins.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config/env.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import { hashPassword, verifyPassword } from '../server/src/lib/passwords.ts';
import { prepareDatabases, startServer } from '../server/src/runtime.ts';
import { Browser } from './browser.ts';

const quick = process.argv.includes('--quick');
const signIns = quick ? 10 : 40;
const shiftSize = quick ? 6 : 12;
const warmup = 3;
const PIN = '4826';

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

function summary(timings: number[]): { p50_ms: number; p95_ms: number; max_ms: number } {
  const sorted = [...timings].sort((a, b) => a - b);
  return { p50_ms: percentile(sorted, 0.5), p95_ms: percentile(sorted, 0.95), max_ms: percentile(sorted, 1) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-bench-'));
const logger = createLogger('warn');
const embedded = await startEmbeddedPostgres({ dataDir, port: 0, logger });
try {
  const config = loadConfig({ PORT: '0', AUTH_RATE_LIMIT_PER_IP: '100000' });
  await prepareDatabases(config, embedded, logger);
  const server = await startServer(config, embedded, createLogger('silent'));
  try {
    const owner = new Browser(server.url);
    await owner.send(
      'POST',
      '/api/auth/signup',
      {
        email: 'bench.pin@example.pe',
        password: 'pollo-a-la-brasa-2026',
        displayName: 'Dueña del bench',
        businessName: 'Pollería del Bench',
      },
      201,
    );
    const branch = await owner.send<{ branch: { id: string } }>(
      'POST',
      '/api/tenant/branches',
      { name: 'Miraflores', address: null, district: null },
      201,
    );
    const branchId = branch.branch.id;

    const staffIds: string[] = [];
    for (let index = 0; index < shiftSize; index += 1) {
      const staff = await owner.send<{ id: string }>(
        'POST',
        '/api/tenant/staff',
        { name: `Mozo ${index + 1}`, role: 'waiter', branchIds: [branchId], pin: PIN },
        201,
      );
      staffIds.push(staff.id);
    }

    /** One paired phone per waiter, as on a busy night. */
    const phones: Browser[] = [];
    for (let index = 0; index < shiftSize; index += 1) {
      const code = await owner.send<{ code: string }>(
        'POST',
        '/api/tenant/devices/pairing-codes',
        { branchId, kind: 'shared_phone', name: `Celular ${index + 1}` },
        201,
      );
      const phone = new Browser(server.url);
      await phone.send('POST', '/api/device/pair', { code: code.code }, 201);
      phones.push(phone);
    }

    /** From tapping "Entrar" until signed in; a refused sign-in stops the bench. */
    const signIn = async (phone: Browser, staffId: string): Promise<number> => {
      const started = performance.now();
      await phone.send('POST', '/api/device/sign-in', { staffId, pin: PIN }, 200);
      return performance.now() - started;
    };

    const one: number[] = [];
    const [firstPhone] = phones;
    const [firstStaff] = staffIds;
    if (!firstPhone || !firstStaff) {
      throw new Error('no phone to sign in on');
    }
    for (let index = 0; index < warmup + signIns; index += 1) {
      const elapsed = await signIn(firstPhone, firstStaff);
      if (index >= warmup) {
        one.push(elapsed);
      }
    }

    const shift: number[] = [];
    for (let round = 0; round < (quick ? 2 : 5); round += 1) {
      shift.push(...(await Promise.all(phones.map((phone, index) => signIn(phone, staffIds[index] ?? '')))));
    }

    const hash = await hashPassword(PIN);
    const verify: number[] = [];
    for (let index = 0; index < warmup + signIns; index += 1) {
      const started = performance.now();
      if (!(await verifyPassword(hash, PIN))) {
        throw new Error('argon2 refused its own PIN');
      }
      if (index >= warmup) {
        verify.push(performance.now() - started);
      }
    }

    const sequential = summary(one);
    const burst = summary(shift);
    const floor = summary(verify);
    const ratio = Math.round((sequential.p50_ms / floor.p50_ms) * 100) / 100;
    console.log(
      `PIN sign-in over HTTP, one at a time (${signIns}): p50 ${sequential.p50_ms} ms, p95 ${sequential.p95_ms} ms`,
    );
    console.log(
      `shift change, ${shiftSize} phones at once: p50 ${burst.p50_ms} ms, p95 ${burst.p95_ms} ms, max ${burst.max_ms} ms`,
    );
    console.log(`baseline (argon2id verify alone): p50 ${floor.p50_ms} ms, p95 ${floor.p95_ms} ms`);
    console.log(
      JSON.stringify({
        bench: 'pin',
        signIns,
        ...sequential,
        shiftChange: { phones: shiftSize, ...burst },
        baseline: { what: 'argon2id verify alone', ...floor },
        ratio,
      }),
    );
  } finally {
    await server.close();
  }
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
