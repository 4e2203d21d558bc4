import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import type { EventStore } from '@vigie/event-store';
import { PROJECTOR, ReadModelsModule, type Projector, type ReadModelsOptions } from '@vigie/read-models';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { EVENT_STORE } from './event-store.module';

/**
 * The in-process projector stops before any store closes: `beforeApplicationShutdown` runs before
 * every `onApplicationShutdown`, whose order between modules Nest does not promise. A batch in
 * progress then commits (or rolls back) on a store that is still open.
 */
@Injectable()
class ProjectorStopper implements BeforeApplicationShutdown {
  constructor(@Inject(PROJECTOR) private readonly projector: Projector | null) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }
}

/**
 * The read models (`VIGIE_READ_DB_URL`) and, with `VIGIE_PROJECTOR=inline`, the projector that
 * folds the event log into them in this process. Exports READ_DATA_SOURCE, PROJECTOR (null when
 * off) and PROJECTION_PROGRESS, globally.
 */
@Module({})
export class ReadSideModule {
  static forRoot(): DynamicModule {
    return {
      module: ReadSideModule,
      imports: [
        ReadModelsModule.forRootAsync({
          inject: [EVENT_STORE, VIGIE_CONFIG],
          useFactory: (store: EventStore, config: VigieConfig): ReadModelsOptions => ({
            readDbUrl: config.readDbUrl,
            postgres: config.postgres,
            projector: config.projector,
            store,
            // Nest's logger is pino's here: the projector's warnings are JSON lines, scrubbed, like the rest.
            logger: new Logger('Projector'),
          }),
        }),
      ],
      providers: [ProjectorStopper],
    };
  }
}
