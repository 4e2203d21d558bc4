/*
 * The real API, plus B5's no-op route, in a process of its own (its memory and CPU are the API's):
 *   node -r ./bench/register.js bench/b5-http/api-server-child.ts <dataDir> <inline|off>
 * Tells the parent { port, token } over IPC once it listens, then answers 'settle' (the in-process
 * projector has applied everything), 'memory' (peak RSS and CPU time since the last call) and 'stop'.
 */
import { PROJECTOR, type Projector } from '@vigie/read-models';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadConfig } from '@vigie/config';
import { createApp } from '../../apps/api/src/create-app';
import { BENCH_FINESS, type ServerMessage, type ServerRequest } from './api-server-protocol';
import { BenchNoopModule } from './bench-noop.module';

/** The largest limit the configuration accepts: far above what 32 connections send in a window. */
const RATE_LIMIT_OUT_OF_REACH = '10000000';

/** RSS sampled every 50 ms: the peak of each measured window, not only of the whole life. */
function memorySampler(): () => number {
  let peak = process.memoryUsage.rss();
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50).unref();
  return () => {
    const value = Math.max(peak, process.memoryUsage.rss());
    peak = process.memoryUsage.rss();
    return Math.round(value / 2 ** 20);
  };
}

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
  const windowPeak = memorySampler();
  let cpuSince = process.cpuUsage();
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: ServerRequest) => {
    void (async () => {
      try {
        if (message.type === 'settle') {
          const inline = app.get<Projector | null>(PROJECTOR);
          await inline?.catchUp();
          send({ type: 'settled', position: String(inline?.position() ?? 0) });
        } else if (message.type === 'memory') {
          const cpu = process.cpuUsage(cpuSince);
          cpuSince = process.cpuUsage();
          send({
            type: 'memory',
            peakRssMB: windowPeak(),
            maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
            cpuMs: (cpu.user + cpu.system) / 1000,
          });
        } else if (message.type === 'stop') {
          await app.close();
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'failed', message: String(error) });
      }
    })();
  });
  send({ type: 'ready', port, token });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
