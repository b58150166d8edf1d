/**
 * Menu import: how long and how much memory a 5,000-row .xlsx takes through
 * POST /api/tenant/menu/import against a real server and embedded PostgreSQL, next to the floor —
 * exceljs alone parsing the same file — measured in the same run. Each import goes into a fresh
 * tenant (5,000 products created); then the same tenant re-imports the file with every price
 * changed (5,000 updates). `--quick` runs fewer rounds.
 *
 * Memory is sampled every few milliseconds during each operation (server and bench share this
 * process, PostgreSQL runs apart): the process's peak RSS, and the peak of the V8 heap above
 * where it stood when the operation began, after a GC — the memory the operation itself needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { loadConfig } from '../server/src/config/env.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import { prepareDatabases, startServer, type RunningServer } from '../server/src/runtime.ts';

const quick = process.argv.includes('--quick');
const rounds = quick ? 3 : 7;
const rows = 5000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A benchmark may ask V8 for `gc()` so each measurement starts from a collected heap.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface Sample {
  ms: number;
  rssPeakMb: number;
  heapDeltaMb: number;
}

/** Runs `work` while sampling memory; answers its duration and the peaks above the start. */
async function measure(work: () => Promise<void>): Promise<Sample> {
  collectGarbage();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 2);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  return { ms, rssPeakMb: mb(peakRss), heapDeltaMb: mb(peakHeap - start.heapUsed) };
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

function summary(samples: Sample[]) {
  return {
    p50_ms: median(samples.map((sample) => sample.ms)),
    rss_peak_mb: median(samples.map((sample) => sample.rssPeakMb)),
    heap_peak_delta_mb: median(samples.map((sample) => sample.heapDeltaMb)),
  };
}

/** A realistic menu: ten categories, unique names and SKUs, descriptions, some inactive. */
async function menuWorkbook(priceOffsetCents: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Menú');
  sheet.addRow(['Categoría', 'Producto', 'Precio', 'SKU', 'Descripción', 'Estación', 'Activo']);
  for (let index = 1; index <= rows; index += 1) {
    sheet.addRow([
      `Categoría ${index % 10}`,
      `Producto de prueba número ${index}`,
      (990 + (index % 500) * 10 + priceOffsetCents) / 100,
      `SKU-${index}`,
      index % 3 === 0 ? `Con papas fritas y ensalada fresca, porción ${index}` : null,
      null,
      index % 17 === 0 ? 'no' : 'sí',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let owners = 0;
async function signUp(server: RunningServer): Promise<string> {
  owners += 1;
  const response = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({
      email: `bench.import.${owners}@example.pe`,
      password: 'pollo-a-la-brasa-2026',
      displayName: `Dueño ${owners}`,
      businessName: `Pollería import ${owners}`,
    }),
  });
  if (response.status !== 201) {
    throw new Error(`signup failed: ${response.status}`);
  }
  return response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

async function importFile(
  server: RunningServer,
  cookie: string,
  file: Buffer,
  expected: object,
): Promise<void> {
  const response = await fetch(`${server.url}/api/tenant/menu/import?unknownCategories=create`, {
    method: 'POST',
    headers: { 'content-type': XLSX, origin: server.url, cookie },
    body: file,
  });
  const body = (await response.json()) as Record<string, unknown>;
  const mismatch = Object.entries(expected).find(([key, value]) => body[key] !== value);
  if (response.status !== 200 || mismatch) {
    throw new Error(`import failed: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-bench-'));
const logger = createLogger('warn');
const embedded = await startEmbeddedPostgres({ dataDir, port: 0, logger });
try {
  await prepareDatabases(loadConfig({}), embedded, logger);
  const server = await startServer(
    loadConfig({ PORT: '0', AUTH_RATE_LIMIT_PER_IP: '100000' }),
    { adminUrl: embedded.adminUrl, secretKey: embedded.secretKey },
    createLogger('silent'),
  );
  try {
    const file = await menuWorkbook(0);
    const repriced = await menuWorkbook(50);

    const parses: Sample[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      const sample = await measure(async () => {
        await new ExcelJS.Workbook().xlsx.load(new Uint8Array(file).buffer);
      });
      if (round > 0) {
        parses.push(sample); // round 0 warms the JIT up
      }
    }

    const creates: Sample[] = [];
    const updates: Sample[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      const cookie = await signUp(server);
      const created = await measure(() => importFile(server, cookie, file, { created: rows }));
      const updated = await measure(() => importFile(server, cookie, repriced, { updated: rows }));
      if (round > 0) {
        creates.push(created);
        updates.push(updated);
      }
    }

    const parse = summary(parses);
    const create = summary(creates);
    const update = summary(updates);
    const ratio = Math.round((create.p50_ms / parse.p50_ms) * 100) / 100;
    console.log(`${rows}-row .xlsx of ${Math.round(file.length / 1024)} KB, ${rounds} rounds each`);
    const line = (label: string, result: ReturnType<typeof summary>) =>
      console.log(
        `${label}: p50 ${result.p50_ms} ms, heap +${result.heap_peak_delta_mb} MB at peak, process RSS ${result.rss_peak_mb} MB`,
      );
    line('exceljs parse (floor)', parse);
    line('import via HTTP, 5,000 created', create);
    line('re-import, 5,000 updated', update);
    console.log(`import / parse: ${ratio}×`);
    console.log(
      JSON.stringify({
        bench: 'import',
        rows,
        file_kb: Math.round(file.length / 1024),
        rounds,
        parse,
        import: create,
        reimport_update: update,
        ratio,
        process_max_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
      }),
    );
  } finally {
    await server.close();
  }
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
