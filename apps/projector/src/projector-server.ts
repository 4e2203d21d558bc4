import { createServer, type Server } from 'node:http';
import type { Projector } from '@vigie/read-models';
import { prometheusText } from './prometheus-text';

/**
 * `GET /health`: 200 while the projector runs and its last batch succeeded, else 503 (an
 * orchestrator restarts it or raises an alert). `GET /metrics`: Prometheus text.
 */
export function createProjectorServer(projector: Projector): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET' }).end();
    } else if (path === '/health') {
      const metrics = projector.metrics();
      const running = metrics.every((metric) => metric.running);
      const lastError = metrics.find((metric) => metric.lastError !== null)?.lastError ?? null;
      const healthy = running && lastError === null;
      response.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          status: healthy ? 'ok' : 'failing',
          running,
          position: projector.position().toString(),
          lastError,
        }),
      );
    } else if (path === '/metrics') {
      response
        .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
        .end(prometheusText(projector.metrics()));
    } else {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 404 }));
    }
  });
}
