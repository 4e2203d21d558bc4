export * from './config-error';
export * from './jwt-secret';
export * from './security-config';
export * from './vigie-config';
export * from './postgres-config';
export * from './start-failure';
export * from './identity-config';
export * from './mail-config';
