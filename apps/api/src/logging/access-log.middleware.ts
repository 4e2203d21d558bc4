import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

/**
 * One line per answered request: method, route pattern, path without its query (a search may
 * quote a name), status, duration, request id and the caller's `sub`. Never headers or bodies.
 */
export function accessLog(logger: Logger) {
  return (req: Request & AuthenticatedRequest, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          request: {
            id: req.headers['x-request-id'],
            method: req.method,
            route: (req.route as { path?: unknown } | undefined)?.path?.toString() ?? null,
            path: req.path,
          },
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          actor: req.principal?.sub ?? null,
        },
        'request',
      );
    });
    next();
  };
}
