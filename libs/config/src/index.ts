export * from './config-error';
export * from './jwt-secret';
export * from './security-config';
export * from './vigie-config';
