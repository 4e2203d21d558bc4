export * from './annual-report';
export * from './public-mask';
export * from './as-of';
export * from './render';
export * from './seed';
export * from './publications';
export * from './report-within';
