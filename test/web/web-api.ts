import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateAppOptions } from '../../apps/api/src/create-app';
import { TestApi } from '../support/vigie-api';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWeb, webStamp, root } = require('../../scripts/build.js') as {
  buildWeb: (outDir?: string) => void;
  webStamp: string;
  root: string;
};

const webRoot = join(root, 'apps', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * A web build of the current sources, made once per state of the sources: dist/web when
 * `npm run build` left it fresh, or else a build in the temp dir that the next test files reuse.
 */
export function webBuild(): string {
  const sources = newestMtime(webRoot);
  const dist = join(root, 'dist', 'web');
  if (existsSync(join(dist, 'index.html')) && existsSync(webStamp) && statSync(webStamp).mtimeMs >= sources)
    return dist;
  const key = createHash('sha256').update(String(sources)).digest('hex').slice(0, 12);
  const outDir = join(tmpdir(), `vigie-web-${key}`);
  if (!existsSync(join(outDir, 'index.html'))) buildWeb(outDir);
  return outDir;
}

export interface WebApi {
  api: TestApi;
  /** `http://127.0.0.1:<port>`: the browser speaks to the real API over real HTTP. */
  url: string;
  stop: () => Promise<void>;
}

/**
 * The API serving a web build (or `webDir`), listening on a free port of 127.0.0.1 that is also
 * its public URL: the embedded provider's issuer and the login's redirects name it.
 */
export async function startWebApi(
  env: Record<string, string> = {},
  webDir = webBuild(),
  options: CreateAppOptions = {},
): Promise<WebApi> {
  const previous = process.env.VIGIE_WEB_DIR;
  process.env.VIGIE_WEB_DIR = webDir;
  let api: TestApi & { url: string };
  try {
    api = await TestApi.listening(env, options);
  } finally {
    if (previous === undefined) delete process.env.VIGIE_WEB_DIR;
    else process.env.VIGIE_WEB_DIR = previous;
  }
  return { api, url: api.url, stop: () => api.stop() };
}
