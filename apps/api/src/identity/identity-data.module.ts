import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { LoginAttempts, Sessions, openIdentityDataSource } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { CLOCK, VIGIE_CONFIG, type Clock } from '../config/config.tokens';
import { API_TOKENS, IDENTITY_DATA_SOURCE, LOGIN_ATTEMPTS, SESSIONS } from './identity.tokens';

@Injectable()
class IdentityDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The identity database (`VIGIE_IDENTITY_DB_URL`) and what lives in it, for every module: the
 * sessions and logins in flight (which the global guard reads), the personal API tokens.
 */
@Global()
@Module({
  providers: [
    {
      provide: IDENTITY_DATA_SOURCE,
      inject: [VIGIE_CONFIG],
      useFactory: (config: VigieConfig) => openIdentityDataSource(config.identityDbUrl, config.postgres),
    },
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
    // Until the personal API tokens land (branch i12-users-api): no personal token is valid.
    { provide: API_TOKENS, useValue: { verify: () => Promise.resolve(null) } },
    IdentityDataSourceCloser,
  ],
  exports: [IDENTITY_DATA_SOURCE, SESSIONS, LOGIN_ATTEMPTS, API_TOKENS],
})
export class IdentityDataModule {}
