import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { Clock } from './receipt-queries';

const SEVERITY = { met: 'success', 'met-late': 'warning', due: 'info', overdue: 'error' } as const;

/**
 * The deadlines the declaration started (CSP, NIS 2, RGPD), the soonest first. A list rather than
 * a table: four columns scroll sideways on a phone, and a scrolling table is a keyboard trap.
 */
export function ClocksList({ clocks }: { clocks: Clock[] }) {
  const t = useT();
  const lang = useLang();
  const r = t.receipt;
  if (clocks.length === 0) return <p>{r.noDeadline}</p>;
  const sorted = [...clocks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <ul className="fr-raw-list">
      {sorted.map((clock) => (
        <li key={clock.clockId} className="fr-mb-2w">
          <p className="fr-mb-0">
            <strong>{r.stages[clock.stage] ?? clock.stage}</strong> —{' '}
            {r.regimes[clock.regime] ?? clock.regime}
          </p>
          <p className="fr-mb-0">
            {r.dueAt} : {formatDate(clock.dueAt, lang)}{' '}
            <Badge severity={SEVERITY[clock.status]} small noIcon>
              {r.statuses[clock.status] ?? clock.status}
            </Badge>
          </p>
        </li>
      ))}
    </ul>
  );
}
