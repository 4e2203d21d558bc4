import type { ServerMessage, ServerRequest, Target } from './api-server-protocol';

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

/**
 * What a B5 server child answers its parent: 'settle' (what `settle` waits for, then its
 * position), 'memory' (peak RSS and CPU time since the last call) and 'stop'. Sends 'ready' with
 * the targets first.
 */
export function serveParent(
  targets: Record<string, Target>,
  handlers: { settle: () => Promise<string>; stop: () => Promise<void> },
): void {
  const windowPeak = memorySampler();
  let cpuSince = process.cpuUsage();
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: ServerRequest) => {
    void (async () => {
      try {
        if (message.type === 'settle') {
          send({ type: 'settled', position: await handlers.settle() });
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
          await handlers.stop();
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'failed', message: String(error) });
      }
    })();
  });
  send({ type: 'ready', targets });
}
