import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

interface LogContext {
  reqId: string;
}

const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with a request id that every log line written inside it carries. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return logContext.run(context, fn);
}

/** Structured JSON logs; lines written while serving a request carry its `reqId`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'smartket' },
    mixin: () => {
      const context = logContext.getStore();
      return context ? { reqId: context.reqId } : {};
    },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
      censor: '[redacted]',
    },
  });
}

/**
 * A request URL as it may be logged: invitation tokens and pairing codes are credentials that
 * travel in the path or the query, so they are replaced before the line is written.
 */
export function urlForLog(url: string): string {
  return url
    .replace(/(\/invitacion\/|\/api\/invitations\/)[^/?#]+/gi, '$1[redacted]')
    .replace(/([?&]codigo=)[^&#]*/gi, '$1[redacted]');
}

export type { Logger };
