import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { createApp } from './app.ts';
import type { Config } from './config/env.ts';
import { adminOrmOptions, migrate } from './db/orm.ts';
import { prepareTenantTemplate } from './db/tenant/template.ts';
import { isAllowedOrigin } from './http/middleware/origin-check.ts';
import { registerJobs } from './jobs/registry.ts';
import type { Logger } from './lib/logger.ts';
import { createRealtimeCluster } from './realtime/adapter.ts';
import { createRealtimeServer, type RealtimeServer } from './realtime/io.ts';
import { createServices, type ServiceOverrides, type Services } from './services.ts';

export interface DatabaseAccess {
  adminUrl: string;
  secretKey: string;
}

/** Migrates the admin database and the tenant template. Idempotent; run before serving. */
export async function prepareDatabases(
  config: Config,
  access: DatabaseAccess,
  logger: Logger,
): Promise<void> {
  const admin = await migrate(adminOrmOptions(access.adminUrl));
  const template = await prepareTenantTemplate({
    adminUrl: access.adminUrl,
    templateDb: config.tenantTemplateDb,
    secretKey: access.secretKey,
  });
  logger.info({ admin, template }, 'databases migrated');
}

export interface RunningServer {
  url: string;
  services: Services;
  io: RealtimeServer;
  httpServer: http.Server;
  /** Graceful stop: no new requests, sockets closed, jobs drained, pools closed. */
  close(): Promise<void>;
}

/** Starts jobs, the HTTP API, Socket.IO and (when given) the SvelteKit handler on one port. */
export async function startServer(
  config: Config,
  access: DatabaseAccess,
  logger: Logger,
  options: { clientHandler?: RequestHandler; overrides?: ServiceOverrides } = {},
): Promise<RunningServer> {
  const services = createServices(config, access.adminUrl, access.secretKey, logger, options.overrides);
  await services.boss.start();
  await registerJobs(services.boss, services);

  const app = createApp(services, options.clientHandler ? { clientHandler: options.clientHandler } : {});
  const httpServer = http.createServer(app);
  const originPolicy = { trustedOrigins: config.trustedOrigins, appDomain: config.appDomain };
  const cluster = createRealtimeCluster(access.adminUrl, logger);
  const io = createRealtimeServer(httpServer, {
    adminOrm: services.adminOrm,
    registry: services.registry,
    locator: services.locator,
    sessions: services.sessions,
    devices: services.devices,
    logger,
    isAllowedOrigin: (origin, host) => isAllowedOrigin(origin, host, originPolicy),
    adapter: cluster.adapter,
  });
  services.broadcaster.attach(io);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await io.close();
      await services.boss.stop({ graceful: true, timeout: 10_000 });
      await httpClosed;
      await services.registry.closeAll();
      // Last: a request or job that finished while draining still reaches the other instances.
      await cluster.close();
      await services.adminOrm.close(true);
    })();
    return closing;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url }, 'SmartKet is serving');
  return { url, services, io, httpServer, close };
}
