export * from './identity.entities';
export * from './identity-data-source';
export * from './local-accounts.port';
export * from './secrets';
export * from './sessions';
export * from './login-attempts';
export * from './api-tokens';
