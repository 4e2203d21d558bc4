import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import helmet from 'helmet';
import type { VigieConfig } from '@vigie/config';

/** Headers a client may send and read across origins, when CORS is open to some. */
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'];
const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'];

/**
 * The one <style> element react-dsfr writes (`:root { color-scheme: … }`, useIsDark/client.js),
 * allowed by its hash: no 'unsafe-inline', not even for styles.
 */
export const DSFR_COLOR_SCHEME_STYLES = ['light', 'dark'].map(
  (scheme) =>
    `'sha256-${createHash('sha256').update(`:root { color-scheme: ${scheme}; }`).digest('base64')}'`,
);

/**
 * The web application's policy: its own scripts, styles, images, fonts and API only. Forms may
 * post to the login provider when it is external (the embedded one is on this origin).
 */
export function contentSecurityPolicy(config: VigieConfig): Record<string, string[]> {
  const provider = config.login.provider === 'external' ? [new URL(config.login.issuer).origin] : [];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...DSFR_COLOR_SCHEME_STYLES],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...provider],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
}

/**
 * What every answer carries: helmet's security headers, no caching of API answers (they hold
 * personal data), and CORS only for the origins of `VIGIE_CORS_ORIGINS` (closed by default).
 */
export function applyHttpHardening(app: NestExpressApplication, config: VigieConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const strict = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
  });
  // The Swagger UI writes inline styles: it keeps helmet's default policy (scripts still 'self' only).
  const docs = helmet();
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : strict)(req, res, next),
  );
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
