import { Global, Module } from '@nestjs/common';
import { IdentityDataSourceCloser, identityDataSourceProvider } from './identity-data-source.provider';
import { IDENTITY_DATA_SOURCE } from './identity.tokens';

/** IDENTITY_DATA_SOURCE for every module: sessions, API tokens, local accounts. */
@Global()
@Module({
  providers: [identityDataSourceProvider, IdentityDataSourceCloser],
  exports: [IDENTITY_DATA_SOURCE],
})
export class IdentityDataModule {}
