import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PersonalDataVault, openKeyStore, type KeyStore } from '@vigie/privacy';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';

/** Injection token of the KeyStore of personal-data keys. */
export const KEY_STORE = Symbol('KEY_STORE');

@Injectable()
class KeyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}

/**
 * Personal data of declarants: sealed by the command handler before it reaches the log, revealed
 * by the queries to callers who may read the declaration (`VIGIE_KEY_STORE_URL`, docs/security.md).
 */
@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [VIGIE_CONFIG],
      useFactory: (config: VigieConfig) => openKeyStore(config.keyStoreUrl, config.postgres),
    },
    {
      provide: PersonalDataVault,
      inject: [KEY_STORE, VIGIE_CONFIG],
      useFactory: (keys: KeyStore, config: VigieConfig) => new PersonalDataVault(keys, config.subjectSecret),
    },
    KeyStoreCloser,
  ],
  exports: [KEY_STORE, PersonalDataVault],
})
export class PrivacyModule {}
