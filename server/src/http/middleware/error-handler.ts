import type { ErrorBody } from '@smartket/shared';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

interface HttpParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Errors thrown by Express' own body parsers, turned into our stable codes. */
function fromBodyParser(error: HttpParserError): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 400, 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 413, 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported body encoding');
    default:
      return undefined;
  }
}

/**
 * The last middleware: every error leaves as `{ error: { code, message, fields?, details? } }`.
 * Unknown errors are logged with their stack and answered with a generic 500: no stack trace
 * ever reaches a client.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = error instanceof AppError ? error : fromBodyParser(error ?? {});

    if (!appError) {
      (req.log ?? logger).error({ err: error }, 'unhandled error');
    }
    const known = appError ?? new AppError('INTERNAL_ERROR', 500, 'Something went wrong on our side');
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(known.headers ?? {})) {
      res.setHeader(name, value);
    }
    const body: ErrorBody = {
      error: {
        code: known.code,
        message: known.message,
        ...(known.fields ? { fields: known.fields } : {}),
        ...(known.details ? { details: known.details } : {}),
      },
    };
    res.status(known.status).json(body);
  };
}

/** Any /api path no route answered. */
export function apiNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', 404, `No route for ${req.method} ${req.baseUrl}${req.path}`));
}
