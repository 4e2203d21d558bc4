import type { ProjectionMetrics } from '@vigie/read-models';

const METRICS: [
  name: string,
  type: 'gauge' | 'counter',
  help: string,
  value: (metric: ProjectionMetrics) => number,
][] = [
  [
    'vigie_projection_position',
    'gauge',
    'Global position the read model has applied',
    (metric) => Number(metric.position),
  ],
  [
    'vigie_projection_lag_events',
    'gauge',
    'Positions between the head of the log and the read model',
    (metric) => metric.lagEvents,
  ],
  [
    'vigie_projection_lag_seconds',
    'gauge',
    'How long the read model has been behind the head of the log',
    (metric) => metric.lagSeconds,
  ],
  [
    'vigie_projection_events_per_second',
    'gauge',
    'Events applied per second over the last 10 s',
    (metric) => metric.eventsPerSecond,
  ],
  [
    'vigie_projection_batches_total',
    'counter',
    'Batches committed by this process',
    (metric) => metric.batches,
  ],
  [
    'vigie_projection_conflicts_total',
    'counter',
    'Batches abandoned because another process applied them first',
    (metric) => metric.conflicts,
  ],
  [
    'vigie_projection_failing',
    'gauge',
    '1 while the last batch failed',
    (metric) => (metric.lastError === null ? 0 : 1),
  ],
];

/** The projector's metrics in the Prometheus text exposition format. */
export function prometheusText(metrics: readonly ProjectionMetrics[]): string {
  const lines: string[] = [];
  for (const [name, type, help, value] of METRICS) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const metric of metrics) lines.push(`${name}{projection="${metric.name}"} ${value(metric)}`);
  }
  return `${lines.join('\n')}\n`;
}
