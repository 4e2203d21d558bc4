import { Global, Module } from '@nestjs/common';
import { LocalAccounts } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../config/config.tokens';
import { EmbeddedProviderModule } from './embedded-provider/embedded-provider.module';
import { IDENTITY_DATA_SOURCE, LOCAL_ACCOUNTS } from './identity.tokens';
import { LocalAccountActivationController, MyLocalAccountController } from './local-accounts.controller';

/**
 * The embedded provider's local accounts, for every module (`LOCAL_ACCOUNTS`, on the identity
 * database of IdentityDataModule), and the routes of activation and "my account".
 * The provider itself is mounted on Express by `mountEmbeddedProvider` (embedded-provider/).
 */
@Global()
@Module({
  imports: [EmbeddedProviderModule],
  controllers: [LocalAccountActivationController, MyLocalAccountController],
  providers: [
    {
      provide: LOCAL_ACCOUNTS,
      inject: [IDENTITY_DATA_SOURCE, CLOCK],
      useFactory: (dataSource: DataSource, clock: Clock) => new LocalAccounts(dataSource, clock),
    },
  ],
  exports: [LOCAL_ACCOUNTS, EmbeddedProviderModule],
})
export class LocalAccountsModule {}
