import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { openIdentityDataSource } from '@vigie/identity';
import type { DataSource } from 'typeorm';
import { VIGIE_CONFIG } from '../config/config.tokens';
import { IDENTITY_DATA_SOURCE } from './identity.tokens';

/** The identity database (`VIGIE_IDENTITY_DB_URL`), opened and migrated at start-up. */
export const identityDataSourceProvider: Provider = {
  provide: IDENTITY_DATA_SOURCE,
  inject: [VIGIE_CONFIG],
  useFactory: (config: VigieConfig): Promise<DataSource> =>
    openIdentityDataSource(config.identityDbUrl, config.postgres),
};

@Injectable()
export class IdentityDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
