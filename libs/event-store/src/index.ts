export * from './event-store.port';
export * from './event-store.errors';
export * from './decider';
export * from './folded-stream';
export * from './handle-command';
export * from './open-event-store';
export * from './sqlite/sqlite-event-store';
export * from './postgres/postgres-event-store';
// Types only: the EventStoreDB client (about 9 MB of modules) loads with `openEventStore('esdb://…')`.
export type { EsdbEventStore, EsdbEventStoreOptions } from './esdb/esdb-event-store';
export * from './migrate/migrate-event-log';
export * from './migrate/migration.errors';
export { checksumEventLog } from './migrate/event-log-checksum';
export * from './sequence/sequence-allocator';
