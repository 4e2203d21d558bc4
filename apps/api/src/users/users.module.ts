import { Global, Module } from '@nestjs/common';
import { ApiTokens } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../config/config.tokens';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { API_TOKENS, IDENTITY_DATA_SOURCE } from '../identity/identity.tokens';
import { CertStaffController } from './cert-staff.controller';
import { MyTokensController } from './my-tokens.controller';
import { UserAdministration } from './user-administration';
import { UsersController } from './users.controller';

/**
 * The administrators' users routes and everyone's personal API tokens. Global, so that the
 * AuthGuard injects API_TOKENS to verify a `vigie_pat_…` bearer. Needs IDENTITY_DATA_SOURCE
 * (IdentityDataModule) and, for the embedded provider's accounts, LOCAL_ACCOUNTS (LocalAccountsModule).
 */
@Global()
@Module({
  controllers: [UsersController, MyTokensController, CertStaffController],
  providers: [
    {
      provide: API_TOKENS,
      inject: [IDENTITY_DATA_SOURCE, CLOCK],
      useFactory: (dataSource: DataSource, clock: Clock) => new ApiTokens(dataSource, clock),
    },
    UserAdministration,
    ReadYourWrites,
  ],
  exports: [API_TOKENS],
})
export class UsersModule {}
