/*
 * The load generator in a process of its own, so that neither the API nor the runner's heap (the
 * logs of B2–B4 have been through it) slows the client down:
 *   node -r ./bench/register.js bench/b5-http/load-child.ts
 * One process for every run of B5 (starting one per run cost about a second each): it takes a
 * LoadRequest over IPC and answers autocannon's result, until its channel closes.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  path: string;
  /** Sent with every request: the caller's credentials (a bearer token, or a session's cookie and CSRF token). */
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
  /** Requests per second for all connections together; saturation when absent. */
  rate?: number;
  /** Idempotency-Keys are `<keyPrefix>-<n>`: distinct per request and per run. */
  keyPrefix: string;
}

export type LoadAnswer = { type: 'result'; result: autocannon.Result } | { type: 'failed'; message: string };

function fire(request: LoadRequest): Promise<autocannon.Result> {
  let keys = 0;
  return autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.seconds,
    overallRate: request.rate,
    // The window ends at the first sample after `seconds`: with the default 1 s samples, a 0.4 s window lasted 1 s.
    sampleInt: 100,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: request.path,
        headers: { ...request.headers, 'content-type': 'application/json' },
        body: request.body,
        setupRequest: (next) => ({
          ...next,
          headers: { ...next.headers, 'idempotency-key': `${request.keyPrefix}-${++keys}` },
        }),
      },
    ],
  });
}

process.on('message', (request: LoadRequest) => {
  fire(request).then(
    (result) => process.send?.({ type: 'result', result } satisfies LoadAnswer),
    (error: unknown) => process.send?.({ type: 'failed', message: String(error) } satisfies LoadAnswer),
  );
});
process.on('disconnect', () => process.exit(0));
