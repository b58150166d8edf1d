import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { apiNotFound, errorHandler } from './http/middleware/error-handler.ts';
import { originCheck } from './http/middleware/origin-check.ts';
import { loadSession } from './http/middleware/session.ts';
import { tenantContext } from './http/middleware/tenant-context.ts';
import { tenantRouter } from './http/tenant-router.ts';
import { AppError } from './lib/errors.ts';
import { urlForLog, withLogContext } from './lib/logger.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { deviceRoutes } from './modules/devices/device-session.routes.ts';
import { invitationRoutes } from './modules/members/invitations.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { requireWritableTenant } from './modules/plans/plans.policy.ts';
import type { Services } from './services.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The Express app: JSON API under /api, then the SvelteKit handler (when built) for every other
 * path. No `listen` here: main.ts and the tests own the HTTP server.
 */
export function createApp(
  services: Services,
  options: { clientHandler?: RequestHandler } = {},
): express.Express {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      serializers: {
        req: (req: { url: string }) => Object.assign(req, { url: urlForLog(req.url) }),
      },
    }),
  );
  // SvelteKit sets its own CSP with per-response nonces; the API gets the strictest one.
  app.use(helmet({ contentSecurityPolicy: false }));

  const api = express.Router();
  api.use(
    helmet.contentSecurityPolicy({ directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }),
  );
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(originCheck({ trustedOrigins: config.trustedOrigins, appDomain: config.appDomain }));
  api.use(requireJsonBody(RAW_UPLOAD_PATHS));
  api.use(express.json({ limit: `${config.bodyLimitKb}kb`, strict: true }));
  // Body parsers resume in a stream callback, outside the request's async context: enter it here.
  api.use((req, res, next) =>
    withLogContext({ reqId: res.getHeader('X-Request-Id')?.toString() ?? '' }, next),
  );
  api.use('/health', healthRoutes(services));
  api.use(loadSession(services.adminOrm, services.sessions));
  api.use(
    '/auth',
    authRoutes({ auth: services.auth, limiters: services.authLimiters, broadcaster: services.broadcaster }),
  );
  const moduleDeps = {
    clock: services.clock,
    logger,
    broadcaster: services.broadcaster,
    boss: services.boss,
    publicUrl: config.publicUrl,
  };
  api.use(
    '/device',
    deviceRoutes({ ...moduleDeps, devices: services.devices, limiters: services.authLimiters }),
  );
  api.use(
    '/invitations',
    invitationRoutes({
      ...moduleDeps,
      adminOrm: services.adminOrm,
      auth: services.auth,
      sessions: services.sessions,
      registry: services.registry,
      locator: services.locator,
      limiters: services.authLimiters,
    }),
  );
  api.use(
    '/tenant',
    tenantContext({
      registry: services.registry,
      locator: services.locator,
      devices: services.devices,
      appDomain: config.appDomain,
    }),
    requireWritableTenant(services.clock),
    tenantRouter(moduleDeps),
  );
  api.use(apiNotFound);
  app.use('/api', api);

  if (options.clientHandler) {
    app.use(options.clientHandler);
  }
  app.use(errorHandler(logger));
  return app;
}

/** The only API paths (lower case) whose body is a file rather than JSON; their route checks the type. */
const RAW_UPLOAD_PATHS = new Set(['/tenant/menu/import']);

/** A write with a body must say it is JSON; anything else is a 415, not a confusing 422. */
function requireJsonBody(uploadPaths: ReadonlySet<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json') && !uploadPaths.has(req.path.toLowerCase())) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the body as application/json'));
      return;
    }
    next();
  };
}
