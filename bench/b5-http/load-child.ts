/*
 * The load generator in a process of its own, so that neither the API nor the runner's heap (the
 * logs of B2–B4 have been through it) slows the client down:
 *   node -r ./bench/register.js bench/b5-http/load-child.ts '<LoadRequest as JSON>'
 * Prints autocannon's result as JSON on its last line.
 */
import autocannon from 'autocannon';
import { childMain } from '../support/child-process';

export interface LoadRequest {
  url: string;
  path: string;
  token: string;
  body: string;
  connections: number;
  seconds: number;
  /** Requests per second for all connections together; saturation when absent. */
  rate?: number;
  /** Idempotency-Keys are `<keyPrefix>-<n>`: distinct per request and per run. */
  keyPrefix: string;
}

childMain(async () => {
  const request = JSON.parse(process.argv[2]) as LoadRequest;
  let keys = 0;
  return autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.seconds,
    overallRate: request.rate,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: request.path,
        headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
        body: request.body,
        setupRequest: (next) => ({
          ...next,
          headers: { ...next.headers, 'idempotency-key': `${request.keyPrefix}-${++keys}` },
        }),
      },
    ],
  });
});
