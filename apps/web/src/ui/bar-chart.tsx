/** A value a chart draws: a count, or a masked one ("<5", drawn as nothing but shown as text). */
export type ChartValue = number | string | null;

export interface ChartPoint {
  label: string;
  /** Under the column (a month's abbreviation): the label when omitted. */
  short?: string;
  value: ChartValue;
}

const asNumber = (value: ChartValue): number => (typeof value === 'number' ? value : 0);

const HEIGHT = 160;
const LABELS = 22;

/**
 * Columns in SVG, for a series in time (months). Decorative for assistive technologies
 * (`aria-hidden`): the table that always goes with it says the same.
 */
export function ColumnChart({ points, title }: { points: ChartPoint[]; title: string }) {
  const max = Math.max(1, ...points.map((point) => asNumber(point.value)));
  const step = 40;
  const width = points.length * step;
  return (
    <figure className="fr-m-0 fr-mb-2w" aria-hidden="true" data-chart={title}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + LABELS * 2}`}
        width="100%"
        style={{ maxHeight: '16rem', display: 'block' }}
        focusable="false"
      >
        {points.map((point, index) => {
          const height = (asNumber(point.value) / max) * HEIGHT;
          const x = index * step;
          return (
            <g key={`${point.label}-${index}`}>
              <rect
                x={x + 6}
                y={LABELS + HEIGHT - height}
                width={step - 12}
                height={height}
                style={{ fill: 'var(--background-action-high-blue-france)' }}
              />
              <text
                x={x + step / 2}
                y={LABELS + HEIGHT - height - 6}
                textAnchor="middle"
                fontSize="12"
                style={{ fill: 'var(--text-default-grey)' }}
              >
                {point.value ?? '—'}
              </text>
              <text
                x={x + step / 2}
                y={LABELS + HEIGHT + 16}
                textAnchor="middle"
                fontSize="11"
                style={{ fill: 'var(--text-mention-grey)' }}
              >
                {point.short ?? point.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A bar inside a table's cell: its length is the value's share of the table's largest. */
export function CellBar({ value, max }: { value: ChartValue; max: number }) {
  const share = max > 0 ? Math.round((asNumber(value) / max) * 100) : 0;
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        height: '0.75rem',
        width: `${share}%`,
        minWidth: share > 0 ? '2px' : 0,
        background: 'var(--background-action-high-blue-france)',
        verticalAlign: 'middle',
      }}
    />
  );
}
