import { resolve } from 'node:path';
import type { PostgresLimits } from '@vigie/postgres';
import type { KeyStore } from './key-store.port';
import { PostgresKeyStore } from './postgres-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

/**
 * `sqlite:<path>` (relative to the working directory, `sqlite:///abs` too) or `postgres://…`, with
 * its timeouts (DEFAULT_POSTGRES_LIMITS when left out).
 */
export async function openKeyStore(url: string, postgres?: PostgresLimits): Promise<KeyStore> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return PostgresKeyStore.open(url, postgres);
  if (url.startsWith('sqlite:')) {
    const location = url.slice('sqlite:'.length).split('?', 1)[0];
    const path = location.startsWith('//') ? location.slice(2) : location;
    if (path === '') throw new Error('The sqlite: key store URL needs a file path');
    return SqliteKeyStore.open(resolve(path));
  }
  // The URL is not echoed: it may hold a password.
  throw new Error('The key store URL must start with sqlite: or postgres://');
}
