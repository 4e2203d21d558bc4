export * from './key-store.port';
export * from './open-key-store';
export * from './personal-data-envelope';
export * from './personal-data-vault';
export * from './postgres-key-store';
export * from './sqlite-key-store';
export * from './subject-id';
