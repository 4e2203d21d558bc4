import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OnModuleInit,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { EventStore } from '@vigie/event-store';
import type { PostgresLimits } from '@vigie/postgres';
import type { DataSource } from 'typeorm';
import { openReadDataSource } from './data-source/read-data-source';
import { Projector, type ProjectorLogger } from './projector/projector';
import { readModelsPosition, waitForReadModels } from './queries/projection-position';

/** The read database for queries (`listDeclarations(dataSource, …)`, `loadAnnualStatistics`…). */
export const READ_DATA_SOURCE: InjectionToken<DataSource> = Symbol('READ_DATA_SOURCE');
/** The in-process Projector, or null when `projector: 'off'` (a separate apps/projector runs it). */
export const PROJECTOR: InjectionToken<Projector | null> = Symbol('PROJECTOR');
/** Read-your-writes in both modes: see ProjectionProgress. */
export const PROJECTION_PROGRESS: InjectionToken<ProjectionProgress> = Symbol('PROJECTION_PROGRESS');

export interface ReadModelsOptions {
  /** `sqlite:<path>` or `postgres://…` */
  readDbUrl: string;
  /** Timeouts of a PostgreSQL read database (DEFAULT_POSTGRES_LIMITS when left out). */
  postgres?: PostgresLimits;
  /** `inline`: this process runs the projector; `off`: another process (apps/projector) does. */
  projector: 'inline' | 'off';
  /** The log to project; required when inline. */
  store?: EventStore;
  batchSize?: number;
  pollIntervalMs?: number;
  /** The in-process projector's warnings (a failed batch, retried); the console by default. */
  logger?: ProjectorLogger;
}

export interface ReadModelsAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...dependencies: never[]) => ReadModelsOptions | Promise<ReadModelsOptions>;
}

/**
 * Where the read models stand. Inline, from the projector's memory (woken at once by `waitFor`);
 * off, from the checkpoints committed in the read database, polled. The API answers `minPosition`
 * with `waitFor(position, timeoutMs)` and 503 + Retry-After when it returns false.
 */
export interface ProjectionProgress {
  position(): Promise<bigint>;
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

const OPTIONS = Symbol('READ_MODELS_OPTIONS');
const PROJECTOR_DATA_SOURCE = Symbol('PROJECTOR_DATA_SOURCE');

@Injectable()
class ReadModelsLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTOR_DATA_SOURCE) private readonly projectorDataSource: DataSource | null,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.projector?.start();
  }

  /** Before any `onApplicationShutdown`: the batch in progress ends while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
    await this.projectorDataSource?.destroy();
    await this.dataSource.destroy();
  }
}

/**
 * `ReadModelsModule.forRoot({ readDbUrl, projector, store })`, or, with the application's own
 * EventStore provider: `ReadModelsModule.forRootAsync({ imports: [EventStoreModule],
 * inject: [EVENT_STORE, CONFIG], useFactory: (store, config) => ({ readDbUrl: config.readDbUrl,
 * projector: config.projector, store }) })`. Global: queries inject READ_DATA_SOURCE anywhere.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsOptions): DynamicModule {
    return ReadModelsModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: ReadModelsAsyncOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: READ_DATA_SOURCE,
          inject: [OPTIONS],
          useFactory: (config: ReadModelsOptions) =>
            openReadDataSource(config.readDbUrl, { postgres: config.postgres }),
        },
        {
          provide: PROJECTOR_DATA_SOURCE,
          inject: [OPTIONS, READ_DATA_SOURCE],
          // Its own connection: on SQLite an open projector transaction would take in the API's queries.
          useFactory: (config: ReadModelsOptions) =>
            config.projector === 'inline'
              ? openReadDataSource(config.readDbUrl, { poolSize: 2, postgres: config.postgres })
              : null,
        },
        {
          provide: PROJECTOR,
          inject: [OPTIONS, PROJECTOR_DATA_SOURCE],
          useFactory: (config: ReadModelsOptions, dataSource: DataSource | null) => {
            if (config.projector !== 'inline' || dataSource === null) return null;
            if (!config.store)
              throw new Error('ReadModelsModule: projector "inline" needs the event store (option store)');
            return new Projector({
              store: config.store,
              dataSource,
              batchSize: config.batchSize,
              pollIntervalMs: config.pollIntervalMs,
              logger: config.logger,
            });
          },
        },
        {
          provide: PROJECTION_PROGRESS,
          inject: [READ_DATA_SOURCE, PROJECTOR],
          useFactory: (dataSource: DataSource, projector: Projector | null): ProjectionProgress =>
            projector
              ? {
                  position: async () => projector.position(),
                  waitFor: (position, timeoutMs) => projector.waitFor(position, timeoutMs),
                }
              : {
                  position: () => readModelsPosition(dataSource),
                  waitFor: (position, timeoutMs) => waitForReadModels(dataSource, position, timeoutMs),
                },
        },
        ReadModelsLifecycle,
      ],
      exports: [READ_DATA_SOURCE, PROJECTOR, PROJECTION_PROGRESS],
    };
  }
}
