export * from './declaration-facts';
export * from './evolve-facts';
export * from './cells-of';
export * from './snapshot-from-facts';
export * from './time-to-declare';
export * from './structure-figures';
