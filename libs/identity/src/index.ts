export * from './identity.entities';
export * from './identity-data-source';
export * from './local-accounts.port';
export * from './api-tokens';
