import { Badge, type BadgeProps } from '@codegouvfr/react-dsfr/Badge';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { Countdown, useNow } from './countdown';
import type { Clock } from './declaration-types';

const SEVERITY: Record<Clock['status'], BadgeProps['severity']> = {
  met: 'success',
  'met-late': 'warning',
  due: 'info',
  overdue: 'error',
};

/** The clock's stage as a person reads it: "Directive NIS2 — Rapport final (1 mois)". */
export const clockLabel = (clock: Pick<Clock, 'regime' | 'stage'>, t: ReturnType<typeof useT>): string =>
  `${t.declarations.regimes[clock.regime] ?? clock.regime} — ${t.declarations.stages[clock.stage] ?? clock.stage}`;

/** The API's status was read at its `at`: a clock still running turns overdue as its countdown passes zero. */
export const liveStatus = (clock: Clock, now: number): Clock['status'] =>
  clock.metAt === null ? (Date.parse(clock.dueAt) < now ? 'overdue' : 'due') : clock.status;

/** The clocks not yet met, soonest first: what the declarant still owes. */
export const openClocks = (clocks: readonly Clock[]): Clock[] =>
  clocks.filter((clock) => clock.metAt === null).sort((a, b) => a.dueAt.localeCompare(b.dueAt));

/**
 * Every regulatory clock of a declaration (French obligation, NIS2 stages, GDPR), with a live
 * countdown for those still running. Shared with the receipt page (features/receipt).
 */
export function ClocksList({ clocks, skewMs = 0 }: { clocks: readonly Clock[]; skewMs?: number }) {
  const t = useT();
  const lang = useLang();
  const now = useNow() + skewMs;
  if (clocks.length === 0) return <p>{t.declarations.page.noClock}</p>;
  const sorted = [...clocks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <ul className="fr-raw-list">
      {sorted.map((clock) => (
        <li key={clock.clockId} className="fr-mb-2w">
          <p className="fr-mb-1v">
            <strong>{clockLabel(clock, t)}</strong>{' '}
            <Badge as="span" small severity={SEVERITY[liveStatus(clock, now)]}>
              {t.declarations.clockStatuses[liveStatus(clock, now)]}
            </Badge>
          </p>
          <p className="fr-text--sm fr-mb-0">
            {clock.metAt === null ? (
              <>
                <Countdown dueAt={clock.dueAt} skewMs={skewMs} /> ·{' '}
                {t.declarations.dueOn(formatDate(clock.dueAt, lang))}
              </>
            ) : (
              <>
                {t.declarations.metOn(formatDate(clock.metAt, lang))} ·{' '}
                {t.declarations.dueOn(formatDate(clock.dueAt, lang))}
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
