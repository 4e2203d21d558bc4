export * from './bounded-pool';
export * from './postgres-limits';
export * from './postgres-unavailable';
export * from './postgres-unreachable';
export * from './schema-lock';
