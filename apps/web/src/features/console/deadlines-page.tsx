import { Link } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { clockLabel } from '../declarations/clocks-list';
import { Countdown } from '../declarations/countdown';
import type { Clock } from '../declarations/declaration-types';
import { useMe } from '../../api/me';
import { ConsoleNav } from '../console-dashboard/console-nav';
import { useNameOf } from './cert-staff';
import { ConsoleOnly } from './console-access';
import { useConsoleDeadlines } from './console-queries';

const groupByStage = (clocks: Clock[], label: (clock: Clock) => string) => {
  const groups = new Map<string, Clock[]>();
  for (const clock of clocks) groups.set(label(clock), [...(groups.get(label(clock)) ?? []), clock]);
  return groups;
};

function DeadlineList({
  id,
  title,
  empty,
  clocks,
  skewMs,
}: {
  id: string;
  title: string;
  empty: string;
  clocks: Clock[];
  skewMs: number;
}) {
  const t = useT();
  const lang = useLang();
  const d = t.console.deadlines;
  const nameOf = useNameOf(useMe().data?.user.id ?? '');
  return (
    <section aria-labelledby={id} className="fr-mt-4w">
      <h2 id={id}>
        {title} ({clocks.length})
      </h2>
      {clocks.length === 0 ? (
        <p>{empty}</p>
      ) : (
        // By regime and stage (the order of their first due time), soonest first within each.
        [...groupByStage(clocks, (clock) => clockLabel(clock, t))].map(([stage, group]) => (
          <div key={stage}>
            <h3 className="fr-h6 fr-mb-2w">
              {stage} ({group.length})
            </h3>
            <ul className="fr-raw-list" style={{ overflowWrap: 'anywhere' }}>
              {group.map((clock) => (
                <li
                  key={clock.clockId}
                  className="fr-mb-2w fr-p-2w"
                  style={{ border: '1px solid var(--border-default-grey)' }}
                >
                  <p className="fr-text--sm fr-mb-1v">
                    {clock.structureName} · FINESS {clock.finess} ·{' '}
                    {t.console.regions[clock.region] ?? clock.region}
                  </p>
                  <p className="fr-text--sm fr-mb-1v">
                    <Countdown dueAt={clock.dueAt} skewMs={skewMs} /> · {d.dueAt}{' '}
                    {formatDate(clock.dueAt, lang)}
                  </p>
                  <p className="fr-text--sm fr-mb-1v">
                    {d.assignee} : {nameOf(clock.assignee)}
                  </p>
                  <Link
                    to={`/console/declarations/${encodeURIComponent(clock.reference ?? clock.declarationId)}`}
                  >
                    {d.declaration} {clock.reference ?? ''} — {clock.structureName} ({clockLabel(clock, t)})
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function Deadlines() {
  const t = useT();
  const d = t.console.deadlines;
  usePageTitle(d.title);
  const deadlines = useConsoleDeadlines();
  const skewMs = deadlines.data?.skewMs ?? 0;
  return (
    <>
      <h1>{d.title}</h1>
      <ConsoleNav />
      <p className="fr-text--lead">{d.lead}</p>
      <ProblemAlert error={deadlines.error} />
      {deadlines.isPending ? (
        <p>{t.layout.loading}</p>
      ) : (
        <>
          <DeadlineList
            id="en-retard"
            title={d.overdue}
            empty={d.noneOverdue}
            clocks={deadlines.data?.overdue ?? []}
            skewMs={skewMs}
          />
          <DeadlineList
            id="sous-24h"
            title={d.soon}
            empty={d.noneSoon}
            clocks={deadlines.data?.soon ?? []}
            skewMs={skewMs}
          />
        </>
      )}
    </>
  );
}

/** `/console/deadlines`: what is overdue, what falls due within 24 h, with the facility and the declaration. */
export function DeadlinesPage() {
  return (
    <ConsoleOnly>
      <Deadlines />
    </ConsoleOnly>
  );
}
