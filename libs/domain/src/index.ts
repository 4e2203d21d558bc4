export * from './taxonomy/codes';
export * from './declaration/declaration.events';
export * from './declaration/declaration.commands';
export * from './time/paris-calendar';
export * from './statistics';
