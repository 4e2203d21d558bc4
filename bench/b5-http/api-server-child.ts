/*
 * The real API, plus B5's no-op route, in a process of its own (its memory and CPU are the API's):
 *   node -r ./bench/register.js bench/b5-http/api-server-child.ts <dataDir> <inline|off>
 * Tells the parent its targets over IPC once it listens (a declarant's bearer token, a logged-in
 * declarant's session cookie), then answers 'settle' (the in-process projector has applied
 * everything), 'memory' and 'stop' (server-child-ipc.ts).
 */
import { PROJECTOR, type Projector } from '@vigie/read-models';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadConfig } from '@vigie/config';
import { createApp } from '../../apps/api/src/create-app';
import { BENCH_FINESS } from './api-server-protocol';
import { BenchNoopModule } from './bench-noop.module';
import { benchSessionHeaders } from './bench-session';
import { serveParent } from './server-child-ipc';

/** The largest limit the configuration accepts: far above what 32 connections send in a window. */
const RATE_LIMIT_OUT_OF_REACH = '10000000';

async function main(): Promise<void> {
  const [dataDir, projector = 'inline'] = process.argv.slice(2);
  const config = loadConfig({
    VIGIE_DATA_DIR: dataDir,
    VIGIE_PROJECTOR: projector,
    // On and counted as in production, but out of reach: one client sending thousands of requests a
    // second would be refused (429) at the production limits. BENCH_RATE_LIMIT=<n> sets both
    // limits instead (0 turns them off).
    VIGIE_RATE_LIMIT_PER_ADDRESS: process.env.BENCH_RATE_LIMIT ?? RATE_LIMIT_OUT_OF_REACH,
    VIGIE_RATE_LIMIT_PER_TOKEN: process.env.BENCH_RATE_LIMIT ?? RATE_LIMIT_OUT_OF_REACH,
    // The access log and Nest's records as main.ts keeps them, into a file (a deployment's log shipper reads it).
    VIGIE_LOG_FILE: join(dataDir, 'api.log'),
  });
  // The no-op route is mounted by createApp itself: exactly the app's middleware, pipes, guards and filter.
  const app = await createApp(config, {
    logger: ['log', 'warn', 'error', 'fatal'],
    imports: [BenchNoopModule],
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const token = await signToken(
    { sub: 'declarant-bench', role: 'declarant', finess: [BENCH_FINESS], ttl: '4h' },
    config.jwtSecret,
  );
  const cookie = await benchSessionHeaders(app, config);
  serveParent(
    {
      bearer: { port, headers: { authorization: `Bearer ${token}` } },
      cookie: { port, headers: cookie },
    },
    {
      settle: async () => {
        const inline = app.get<Projector | null>(PROJECTOR);
        await inline?.catchUp();
        return String(inline?.position() ?? 0);
      },
      stop: () => app.close(),
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
