import { resolve } from 'node:path';
import type { PostgresLimits } from '@vigie/postgres';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface OpenEventStoreOptions {
  clock?: () => Date;
  /** Timeouts of a PostgreSQL log (DEFAULT_POSTGRES_LIMITS when left out); the other adapters ignore them. */
  postgres?: PostgresLimits;
}

/**
 * Opens the adapter a URL names:
 * - `sqlite:<path>` (relative to the working directory; `sqlite:///abs/path` also works), with
 *   `?synchronous=normal` to trade power-loss durability for throughput;
 * - `postgres://…` or `postgresql://…` (migrates on open);
 * - `esdb://…` or `esdb+discover://…` (connects on first use).
 */
export async function openEventStore(url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite': {
      const { path, synchronous } = parseSqliteUrl(url);
      return SqliteEventStore.open(resolve(path), { ...options, synchronous });
    }
    case 'postgres':
    case 'postgresql':
      return PostgresEventStore.open(url, { clock: options.clock, limits: options.postgres });
    case 'esdb':
    case 'esdb+discover': {
      // Loaded only when named: the EventStoreDB client (gRPC and its dependencies) is RSS that
      // SQLite and PostgreSQL deployments would otherwise carry for nothing.
      const { EsdbEventStore } = await import('./esdb/esdb-event-store');
      return EsdbEventStore.open(url, options);
    }
    default:
      // The URL itself is not echoed: it may carry a password.
      throw new Error(
        `Unknown event store URL scheme ${scheme ? `"${scheme}:"` : '(none)'}: expected sqlite:<path>, postgres://…, postgresql://… or esdb://…`,
      );
  }
}

function parseSqliteUrl(url: string): { path: string; synchronous: 'full' | 'normal' } {
  const [location, query = ''] = url.slice('sqlite:'.length).split('?', 2);
  const path = location.startsWith('//') ? location.slice(2) : location;
  if (path === '')
    throw new Error('The sqlite: event store URL needs a file path, e.g. sqlite:data/events.sqlite');
  const synchronous = new URLSearchParams(query).get('synchronous') ?? 'full';
  if (synchronous !== 'full' && synchronous !== 'normal') {
    throw new Error(`sqlite: synchronous must be "full" or "normal", got "${synchronous}"`);
  }
  return { path, synchronous };
}
