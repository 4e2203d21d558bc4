export * from './identity.entities';
export * from './identity-data-source';
export * from './local-accounts.port';
export * from './local-accounts';
export * from './local-accounts.policy';
export * from './oidc-adapter';
export { groupedSecret, totpCode } from './totp';
