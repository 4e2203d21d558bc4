export * from './clock-policy';
export * from './regulatory-facts';
export * from './clocks';
export * from './on-time-shares';
export * from './regulatory.errors';
