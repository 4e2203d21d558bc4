import type { NestExpressApplication } from '@nestjs/platform-express';
import type { VigieConfig } from '@vigie/config';
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
  app.use(
    '/oidc/interaction',
    interactionsMiddleware(provider, app.get<LocalAccounts>(LOCAL_ACCOUNTS), config),
  );
  app.use('/oidc', provider.callback());
}
