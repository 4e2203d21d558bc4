export * from './user-permissions.entity';
export * from './user-permissions.projection';
export * from './user-permissions-queries';
