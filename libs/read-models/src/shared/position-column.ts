import type { ValueTransformer } from 'typeorm';

/**
 * Global positions are `bigint` columns: PostgreSQL hands them back as strings, SQLite as numbers.
 * Rows keep them as decimal strings, the form the API answers with.
 */
export const positionTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : String(value)),
};
