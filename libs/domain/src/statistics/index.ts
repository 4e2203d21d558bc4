export * from './declaration-facts';
