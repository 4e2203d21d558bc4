/*
 * B5's breakdown: bare Nest 12 applications in one process, the first with the no-op route and
 * the JSON body parser only, each next one with one more of the API's global pieces (bare-apps.ts):
 *   node -r ./bench/register.js bench/b5-http/bare-server-child.ts <dataDir>
 * Each listens on a port of its own; one is loaded at a time, so the process's CPU time is its.
 * Targets are named by how many pieces they have ('0' … PIECES.length).
 */
import { loadConfig } from '@vigie/config';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signToken } from '../../apps/api/src/auth/tokens';
import { createPino } from '../../apps/api/src/logging/pino-logger';
import { BENCH_FINESS, type Target } from './api-server-protocol';
import { PIECES, bareApp } from './bare-apps';
import { serveParent } from './server-child-ipc';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  // As the API child's: rate limits counted and out of reach, the access log into a file.
  const config = loadConfig({
    VIGIE_DATA_DIR: dataDir,
    VIGIE_RATE_LIMIT_PER_ADDRESS: '10000000',
    VIGIE_RATE_LIMIT_PER_TOKEN: '10000000',
    VIGIE_LOG_FILE: join(dataDir, 'bare.log'),
  });
  const pino = createPino(config.log);
  const token = await signToken(
    { sub: 'declarant-bench', role: 'declarant', finess: [BENCH_FINESS], ttl: '4h' },
    config.jwtSecret,
  );
  const apps: INestApplication[] = [];
  const targets: Record<string, Target> = {};
  for (let count = 0; count <= PIECES.length; count++) {
    const app = await bareApp(config, pino, count);
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    const { port } = app.getHttpServer().address() as AddressInfo;
    // Every app gets the same headers: the bare ones ignore the token.
    targets[String(count)] = { port, headers: { authorization: `Bearer ${token}` } };
  }
  serveParent(targets, {
    settle: () => Promise.resolve('0'),
    stop: async () => {
      for (const app of apps) await app.close();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
