import { Global, Module } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { LoginAttempts, Sessions } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { CLOCK, VIGIE_CONFIG, type Clock } from '../config/config.tokens';
import { IdentityDataSourceCloser, identityDataSourceProvider } from './identity-data-source.provider';
import { IDENTITY_DATA_SOURCE, LOGIN_ATTEMPTS, SESSIONS } from './identity.tokens';

/**
 * The identity database (`VIGIE_IDENTITY_DB_URL`) for every module, with what the global guard
 * reads in it: the browser's sessions and logins in flight (API tokens: UsersModule).
 */
@Global()
@Module({
  providers: [
    identityDataSourceProvider,
    IdentityDataSourceCloser,
    {
      provide: SESSIONS,
      inject: [IDENTITY_DATA_SOURCE, VIGIE_CONFIG, CLOCK],
      useFactory: (dataSource: DataSource, config: VigieConfig, clock: Clock) =>
        new Sessions(dataSource, config.sessions, clock),
    },
    {
      provide: LOGIN_ATTEMPTS,
      inject: [IDENTITY_DATA_SOURCE, CLOCK],
      useFactory: (dataSource: DataSource, clock: Clock) => new LoginAttempts(dataSource, clock),
    },
  ],
  exports: [IDENTITY_DATA_SOURCE, SESSIONS, LOGIN_ATTEMPTS],
})
export class IdentityDataModule {}
