import { useT } from '../../i18n/i18n';
import { clockLabel, openClocks } from './clocks-list';
import { Countdown } from './countdown';
import type { Clock, DeclarationStatus } from './declaration-types';

/** The stages a declarant meets themselves (the declaration and its early warning are met by submitting). */
const DECLARANT_STAGES = new Set<Clock['stage']>([
  'NOTIFICATION',
  'INTERMEDIATE',
  'FINAL',
  'CNIL_NOTIFICATION',
]);

/**
 * What the declaration waits for from its declarant: a complement the CERT asked for, and the
 * staged reports still due, each with its countdown. Shared by the list and the declaration's page.
 */
export function WaitingForMe({
  status,
  clocks,
  skewMs,
}: {
  status: DeclarationStatus;
  clocks: readonly Clock[];
  skewMs: number;
}) {
  const t = useT();
  const due = openClocks(clocks).filter((clock) => DECLARANT_STAGES.has(clock.stage));
  if (status !== 'COMPLEMENT_REQUESTED' && due.length === 0)
    return <span className="fr-text--sm">{t.declarations.nothingWaiting}</span>;
  return (
    <ul className="fr-raw-list fr-text--sm fr-mb-0">
      {status === 'COMPLEMENT_REQUESTED' && (
        <li>
          <span className="fr-icon-question-line fr-icon--sm" aria-hidden="true" />{' '}
          {t.declarations.complementWaiting}
        </li>
      )}
      {due.map((clock) => (
        <li key={clock.clockId}>
          <span className="fr-icon-timer-line fr-icon--sm" aria-hidden="true" />{' '}
          {t.declarations.clockWaiting(clockLabel(clock, t))} :{' '}
          <Countdown dueAt={clock.dueAt} skewMs={skewMs} />
        </li>
      ))}
    </ul>
  );
}
