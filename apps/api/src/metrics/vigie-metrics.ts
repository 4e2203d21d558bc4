import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@vigie/event-store';
import { PROJECTOR, READ_DATA_SOURCE, type Projector } from '@vigie/read-models';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { projectionStatuses } from './projection-status';

let processRegistry: Registry | null = null;

/**
 * CPU, memory, event loop, GC: one set per process. Several apps in one process (tests) share it,
 * as collecting them twice would start a second event-loop monitor and GC observer for nothing.
 */
function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Routes Express did not match (404s, bodies refused before routing) share one label: URLs are unbounded. */
const UNMATCHED_ROUTE = '(unmatched)';
/** The web application's catch-all routes (its pages, and the API paths it hands back): no route of the API matched. */
const CATCH_ALL = new Set(['{*any}', '/.*/']);

/** The Prometheus metrics of one API instance: HTTP traffic and where the read models stand. */
@Injectable()
export class VigieMetrics {
  private readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'vigie_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'vigie_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly position = this.projectionGauge(
    'vigie_projection_position',
    'Global position of the last event the read model applied',
  );

  private readonly lagEvents = this.projectionGauge(
    'vigie_projection_lag_events',
    'Events recorded in the log that the read model has not applied yet',
  );

  private readonly lagSeconds = this.projectionGauge(
    'vigie_projection_lag_seconds',
    'How far behind the log the read model is, in seconds (0 when caught up)',
  );

  private readonly eventsPerSecond: Gauge<'projection'> | null;

  private readonly running: Gauge | null;

  private readonly head = new Gauge({
    name: 'vigie_event_store_head_position',
    help: 'Global position of the last event recorded in the log',
    registers: [this.registry],
  });

  constructor(
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    @Inject(READ_DATA_SOURCE) private readonly readDataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    // Throughput and liveness belong to the process that projects: with VIGIE_PROJECTOR=off,
    // apps/projector reports them on its own /metrics.
    this.eventsPerSecond =
      projector === null
        ? null
        : this.projectionGauge(
            'vigie_projection_events_per_second',
            'Events the in-process projector applied per second, recently',
          );
    this.running =
      projector === null
        ? null
        : new Gauge({
            name: 'vigie_projector_running',
            help: '1 while the in-process projector follows the log, 0 once stopped',
            registers: [this.registry],
          });
  }

  /** Express middleware counting every answer under its route pattern (`/api/v1/declarations/:id`). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path?.toString();
      const labels = {
        method: req.method,
        route: route === undefined || CATCH_ALL.has(route) ? UNMATCHED_ROUTE : route,
        status: String(res.statusCode),
      };
      this.requests.inc(labels);
      this.durations.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  /** The Prometheus text exposition, with the read models' figures taken now. */
  async render(): Promise<{ contentType: string; text: string }> {
    await this.refresh();
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }

  private async refresh(): Promise<void> {
    const [statuses, head] = await Promise.all([
      // Wall time, not the API's command clock (replaceable in tests): the store stamps recordedAt with it.
      projectionStatuses(this.projector, this.readDataSource, this.store, new Date()),
      this.store.headPosition(),
    ]);
    this.head.set(Number(head));
    for (const status of statuses) {
      const labels = { projection: status.name };
      this.position.set(labels, Number(status.position));
      this.lagEvents.set(labels, status.lagEvents);
      this.lagSeconds.set(labels, status.lagSeconds);
      if (status.eventsPerSecond !== null) this.eventsPerSecond?.set(labels, status.eventsPerSecond);
    }
    const [any] = this.projector?.metrics() ?? [];
    this.running?.set(any?.running === true ? 1 : 0);
  }

  private projectionGauge(name: string, help: string): Gauge<'projection'> {
    return new Gauge({ name, help, labelNames: ['projection'] as const, registers: [this.registry] });
  }
}
