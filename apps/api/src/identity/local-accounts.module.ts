import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { LocalAccounts, openIdentityDataSource } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { CLOCK, VIGIE_CONFIG, type Clock } from '../config/config.tokens';
import { EmbeddedProviderModule } from './embedded-provider/embedded-provider.module';
import { IDENTITY_DATA_SOURCE, LOCAL_ACCOUNTS } from './identity.tokens';
import { LocalAccountActivationController, MyLocalAccountController } from './local-accounts.controller';

@Injectable()
class IdentityDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The identity database and the embedded provider's local accounts, for every module
 * (`IDENTITY_DATA_SOURCE`, `LOCAL_ACCOUNTS`), and the routes of activation and "my account".
 * The provider itself is mounted on Express by `mountEmbeddedProvider` (embedded-provider/).
 */
@Global()
@Module({
  imports: [EmbeddedProviderModule],
  controllers: [LocalAccountActivationController, MyLocalAccountController],
  providers: [
    {
      provide: IDENTITY_DATA_SOURCE,
      inject: [VIGIE_CONFIG],
      useFactory: (config: VigieConfig) => openIdentityDataSource(config.identityDbUrl, config.postgres),
    },
    {
      provide: LOCAL_ACCOUNTS,
      inject: [IDENTITY_DATA_SOURCE, CLOCK],
      useFactory: (dataSource: DataSource, clock: Clock) => new LocalAccounts(dataSource, clock),
    },
    IdentityDataSourceCloser,
  ],
  exports: [IDENTITY_DATA_SOURCE, LOCAL_ACCOUNTS, EmbeddedProviderModule],
})
export class LocalAccountsModule {}
