import { Module } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import type { LocalAccounts } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { VIGIE_CONFIG } from '../../config/config.tokens';
import { IDENTITY_DATA_SOURCE, LOCAL_ACCOUNTS } from '../identity.tokens';
import { createEmbeddedProvider } from './embedded-provider';
import { EMBEDDED_PROVIDER } from './embedded-provider.tokens';

/**
 * The embedded provider, built once at start when `login.provider` is `embedded` (null otherwise).
 * It answers on Express, not in Nest's router (oidc-provider is a Koa app): createApp mounts it with
 * `mountEmbeddedProvider`. Needs the global LocalAccountsModule's identity database and accounts.
 */
@Module({
  providers: [
    {
      provide: EMBEDDED_PROVIDER,
      inject: [VIGIE_CONFIG, LOCAL_ACCOUNTS, IDENTITY_DATA_SOURCE],
      useFactory: (config: VigieConfig, accounts: LocalAccounts, dataSource: DataSource) =>
        config.login.provider === 'embedded' ? createEmbeddedProvider(config, accounts, dataSource) : null,
    },
  ],
  exports: [EMBEDDED_PROVIDER],
})
export class EmbeddedProviderModule {}
