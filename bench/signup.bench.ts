/**
 * Signup-to-ready: how long a new owner waits from POST /api/auth/signup until their tenant
 * database is usable, cloning the migrated template (the design) versus, in the same run,
 * creating an empty database and running every tenant migration on it (the baseline).
 * `--quick` runs fewer signups.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config/env.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import type { ProvisioningStrategy } from '../server/src/modules/tenants/provisioning.service.ts';
import { prepareDatabases, startServer } from '../server/src/runtime.ts';

const quick = process.argv.includes('--quick');
const signups = quick ? 8 : 40;
const warmup = 2;

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

async function measure(
  strategy: ProvisioningStrategy,
  adminUrl: string,
  secretKey: string,
): Promise<{ p50_ms: number; p95_ms: number }> {
  const config = loadConfig({ PORT: '0', AUTH_RATE_LIMIT_PER_IP: '100000' });
  const server = await startServer(config, { adminUrl, secretKey }, createLogger('silent'), {
    overrides: { provisioningStrategy: strategy },
  });
  const timings: number[] = [];
  try {
    for (let index = 0; index < warmup + signups; index += 1) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({
          email: `bench.${strategy}.${index}@example.pe`,
          password: 'pollo-a-la-brasa-2026',
          displayName: `Dueño ${index}`,
          businessName: `Pollería ${strategy} ${index}`,
        }),
      });
      const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      // Ready means the owner's first request to their own database answers.
      const ready = await fetch(`${server.url}/api/tenant`, { headers: { cookie } });
      if (response.status !== 201 || ready.status !== 200) {
        throw new Error(`signup ${index} (${strategy}) failed: ${response.status} / ${ready.status}`);
      }
      if (index >= warmup) {
        timings.push(performance.now() - started);
      }
    }
  } finally {
    await server.close();
  }
  timings.sort((a, b) => a - b);
  return { p50_ms: percentile(timings, 0.5), p95_ms: percentile(timings, 0.95) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-bench-'));
const logger = createLogger('warn');
const embedded = await startEmbeddedPostgres({ dataDir, port: 0, logger });
try {
  await prepareDatabases(loadConfig({}), embedded, logger);
  const template = await measure('template', embedded.adminUrl, embedded.secretKey);
  const baseline = await measure('migrations', embedded.adminUrl, embedded.secretKey);
  const ratio = Math.round((baseline.p50_ms / template.p50_ms) * 100) / 100;
  console.log(
    `signup-to-ready over ${signups} signups: template p50 ${template.p50_ms} ms, p95 ${template.p95_ms} ms`,
  );
  console.log(`baseline (run every tenant migration): p50 ${baseline.p50_ms} ms, p95 ${baseline.p95_ms} ms`);
  console.log(
    JSON.stringify({
      bench: 'signup',
      signups,
      ...template,
      baseline: { strategy: 'migrate an empty database', ...baseline },
      ratio,
    }),
  );
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
