import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { Clock } from './receipt-queries';

const SEVERITY = { met: 'success', 'met-late': 'warning', due: 'info', overdue: 'error' } as const;

/** The deadlines the declaration started (CSP, NIS 2, RGPD), the soonest first. */
export function ClocksTable({ clocks }: { clocks: Clock[] }) {
  const t = useT();
  const lang = useLang();
  const r = t.receipt;
  if (clocks.length === 0) return <p>{r.noDeadline}</p>;
  const sorted = [...clocks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Table
      caption={r.deadlines}
      noCaption
      fixed={false}
      headers={[r.regime, r.stage, r.dueAt, r.status]}
      data={sorted.map((clock) => [
        r.regimes[clock.regime] ?? clock.regime,
        r.stages[clock.stage] ?? clock.stage,
        formatDate(clock.dueAt, lang),
        <Badge key={clock.clockId} severity={SEVERITY[clock.status]} small noIcon>
          {r.statuses[clock.status] ?? clock.status}
        </Badge>,
      ])}
    />
  );
}
