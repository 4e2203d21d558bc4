import type { NestExpressApplication } from '@nestjs/platform-express';
import type { VigieConfig } from '@vigie/config';
import type { NextFunction, Request, Response } from 'express';
import type { LocalAccounts } from '@vigie/identity';
import type { Provider } from 'oidc-provider';
import { LOCAL_ACCOUNTS } from '../identity.tokens';
import { EMBEDDED_PROVIDER } from './embedded-provider.tokens';
import { interactionsMiddleware } from './interactions.middleware';

/**
 * Mounts the embedded OpenID provider at `/oidc` when `login.provider` is `embedded` (a no-op
 * otherwise). Called by createApp before the JSON body parser: the provider and its login pages
 * read their own bodies (form-encoded, size-limited), and never reach Nest's router.
 */
export function mountEmbeddedProvider(app: NestExpressApplication, config: VigieConfig): void {
  const provider = app.get<Provider | null>(EMBEDDED_PROVIDER);
  if (config.login.provider !== 'embedded' || provider === null) return;
  const accounts = app.get<LocalAccounts>(LOCAL_ACCOUNTS);
  app.use('/oidc/interaction', withFullPath(interactionsMiddleware(provider, accounts, config)));
  const callback = provider.callback();
  app.use(
    '/oidc',
    withFullPath((req, res) => callback(req, res)),
  );
}

type Handler = (req: Request, res: Response, next: NextFunction) => void;

/**
 * Express strips the mount path for the handler, which answers without handing back: the access
 * log (listening on `finish` since before) would record `/auth` for `/oidc/auth`.
 */
const withFullPath =
  (handler: Handler): Handler =>
  (req, res, next) => {
    res.prependOnceListener('finish', () => {
      req.url = req.originalUrl;
    });
    handler(req, res, next);
  };
