export * from './identity.entities';
export * from './identity-data-source';
