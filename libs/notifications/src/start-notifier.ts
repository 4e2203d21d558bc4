import type { EventStore } from '@vigie/event-store';
import type { PostgresLimits } from '@vigie/postgres';
import { openReadDataSource } from '@vigie/read-models';
import { NotificationProcessManager } from './notification-process-manager';
import { loadNotifierConfig } from './notifier-config';
import { SqlNotifierState } from './notifier-state';

export interface RunningNotifier {
  manager: NotificationProcessManager;
  /** Finishes the look in progress, stops, and closes the notifier's own read-database connection. */
  stop(): Promise<void>;
}

/**
 * The notifier of a process (the API with VIGIE_PROJECTOR=inline, else apps/projector), or null
 * when no webhook is configured. It keeps its state in the read database, on a connection of its
 * own; `env` holds the VIGIE_WEBHOOK_* variables (docs/regulatory-clocks.md).
 */
export async function startNotifier(options: {
  store: EventStore;
  readDbUrl: string;
  /** Timeouts of a PostgreSQL read database. */
  postgres?: PostgresLimits;
  env: Readonly<Record<string, string | undefined>>;
  clock?: () => Date;
  logger?: { warn(message: string): void };
}): Promise<RunningNotifier | null> {
  const config = loadNotifierConfig(options.env);
  if (config === null) return null;
  const dataSource = await openReadDataSource(options.readDbUrl, { poolSize: 2, postgres: options.postgres });
  try {
    const state = await SqlNotifierState.open(dataSource);
    const manager = new NotificationProcessManager({
      store: options.store,
      state,
      config,
      clock: options.clock ?? (() => new Date()),
      logger: options.logger,
    });
    await manager.start();
    return {
      manager,
      stop: async () => {
        await manager.stop();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
