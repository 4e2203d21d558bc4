import { unreachableIn, withoutPassword } from '@vigie/postgres';

/** The variables that name a store, in the order the API opens them. */
const STORE_VARIABLES = [
  'VIGIE_EVENT_STORE_URL',
  'VIGIE_READ_DB_URL',
  'VIGIE_KEY_STORE_URL',
  'VIGIE_AUDIT_DB_URL',
  'VIGIE_IDENTITY_DB_URL',
];

/** The store URLs of an environment, by variable: what `describeStartFailure` names a failed store after. */
export const storeUrlsIn = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(STORE_VARIABLES.map((name) => [name, env[name]?.trim()]));

/**
 * A PostgreSQL store that could not be reached at start-up, in one line: which variable (or
 * option) named it, its address without the password, and why; null for any other failure. The
 * API, the projector and `vigie` print it.
 */
export function describeStartFailure(
  error: unknown,
  stores: Record<string, string | undefined>,
): string | null {
  const unreachable = unreachableIn(error);
  if (unreachable === null) return null;
  const names = Object.entries(stores)
    .filter(([, url]) => url !== undefined && url !== '' && withoutPassword(url) === unreachable.address)
    .map(([name]) => name);
  const store = names.length === 0 ? unreachable.address : `${names.join(', ')} (${unreachable.address})`;
  return `${store}: cannot connect to PostgreSQL: ${unreachable.reason}`;
}
