import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';

/** HS256 needs a key at least as long as its 256-bit hash. */
const MIN_SECRET_LENGTH = 32;

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret: `VIGIE_JWT_SECRET`, else the one generated into the data dir on first use.
 * The API and the CLI both call this, so a token printed by `vigie token` is one the API accepts.
 */
export function resolveJwtSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  const configured = env.VIGIE_JWT_SECRET;
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`VIGIE_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return configured;
  }
  return readOrCreateSecret(dataDir, JWT_SECRET_FILE);
}

/**
 * A secret of the server generated once into `dataDir/<name>` (mode 0600) and read back after:
 * the JWT secret, the key of the subject ids. Two processes starting at once keep the first one's.
 */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  try {
    // `wx` fails when the file exists: two processes starting at once keep the first one's secret.
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(
        `cannot create the secret file ${name} in ${dataDir}: ${(error as Error).message}`,
      );
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
}
