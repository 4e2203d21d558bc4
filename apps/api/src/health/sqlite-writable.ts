import { accessSync, constants, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * For a `sqlite:` URL: throws unless the database file and its WAL may be written. An open
 * connection still reads a file that no longer accepts writes (made read-only or immutable, its
 * disk remounted read-only): only writes would fail, so readiness asks the file system.
 */
export function assertSqliteWritable(url: string): void {
  if (!url.startsWith('sqlite:')) return;
  const location = url.slice('sqlite:'.length).split('?', 1)[0];
  const path = resolve(location.startsWith('//') ? location.slice(2) : location);
  for (const file of [path, `${path}-wal`]) {
    if (existsSync(file)) accessSync(file, constants.W_OK);
  }
}
