/** The target holds events that are not the beginning of the source's log: copying would mix two histories. */
export class MigrationRefusedError extends Error {
  override readonly name = 'MigrationRefusedError';
}

/** After the copy, the target does not hold what the source does: the migration must not be trusted. */
export class MigrationMismatchError extends Error {
  override readonly name = 'MigrationMismatchError';
}
