/*
 * The real API, plus B5's no-op route, in a process of its own (its memory and CPU are the API's):
 *   node -r ./bench/register.js bench/b5-http/api-server-child.ts <dataDir> <inline|off>
 * Tells the parent { port, token } over IPC once it listens, then answers 'settle' (the in-process
 * projector has applied everything), 'memory' (peak RSS since the last call) and 'stop'.
 */
import type { DynamicModule } from '@nestjs/common';
import { PROJECTOR, type Projector } from '@vigie/read-models';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppModule } from '../../apps/api/src/app.module';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadConfig } from '../../apps/api/src/config/vigie-config';
import { createApp } from '../../apps/api/src/create-app';
import { BENCH_FINESS, type ServerMessage, type ServerRequest } from './api-server-protocol';
import { BenchNoopModule } from './bench-noop.module';

/**
 * createApp takes no extra module, so AppModule.forRoot is wrapped for this process only: the
 * app is then built by createApp itself, with exactly its global middleware, pipe, guard and
 * filter, plus the no-op route. (A `CreateAppOptions.imports` hook would make this unnecessary.)
 */
function mountNoopRoute(): void {
  const forRoot = AppModule.forRoot.bind(AppModule);
  AppModule.forRoot = (...args: Parameters<typeof AppModule.forRoot>): DynamicModule => {
    const module = forRoot(...args);
    return { ...module, imports: [...(module.imports ?? []), BenchNoopModule] };
  };
}

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
  mountNoopRoute();
  const config = loadConfig({
    VIGIE_DATA_DIR: dataDir,
    VIGIE_PROJECTOR: projector,
    // Off, as config documents for benchmarks: one client sending thousands of requests a second
    // would be refused (429) at the production limits. BENCH_RATE_LIMIT=<n> sets both limits instead.
    VIGIE_RATE_LIMIT_PER_ADDRESS: process.env.BENCH_RATE_LIMIT ?? '0',
    VIGIE_RATE_LIMIT_PER_TOKEN: process.env.BENCH_RATE_LIMIT ?? '0',
    // The access log and Nest's records as main.ts keeps them, into a file (a deployment's log shipper reads it).
    VIGIE_LOG_FILE: join(dataDir, 'api.log'),
  });
  const app = await createApp(config, { logger: ['log', 'warn', 'error', 'fatal'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const token = await signToken(
    { sub: 'declarant-bench', role: 'declarant', finess: [BENCH_FINESS], ttl: '4h' },
    config.jwtSecret,
  );
  const windowPeak = memorySampler();
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: ServerRequest) => {
    void (async () => {
      try {
        if (message.type === 'settle') {
          const inline = app.get<Projector | null>(PROJECTOR);
          await inline?.catchUp();
          send({ type: 'settled', position: String(inline?.position() ?? 0) });
        } else if (message.type === 'memory') {
          send({
            type: 'memory',
            peakRssMB: windowPeak(),
            maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
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
