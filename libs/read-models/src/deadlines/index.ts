export * from './deadline.entity';
export * from './deadlines.projection';
export * from './deadline-queries';
export * from './load-deadline-shares';
export * from './next-deadlines';
