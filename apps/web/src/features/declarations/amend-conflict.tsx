import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment } from 'react';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { AmendedField, AmendValues } from './amend-values';
import type { TimelineEntry } from './declaration-types';
import { fieldLabel, formatValue, shownChanges, whoOf } from './timeline-format';

export interface Conflict {
  /** The revision the declaration has now: a re-application is sent with it. */
  revision: number;
  now: AmendValues;
  /** What happened since the revision the user saw (history entries after it). */
  since: TimelineEntry[];
  /** The fields the user changes whose value moved meanwhile. */
  differing: AmendedField[];
  /**
   * Nothing anyone changed is to be seen: Vigie recorded a mail or a delivery meanwhile, or the
   * CERT did its bookkeeping that facilities do not read (an assignment, an internal note).
   */
  byVigieOnly: boolean;
}

interface Props {
  conflict: Conflict;
  meId?: string;
  pending: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}

/** A 412 on an amendment: what changed meanwhile, and the user's choice; never a silent overwrite. */
export function AmendConflict({ conflict, meId, pending, onReapply, onDiscard }: Props) {
  const t = useT();
  const lang = useLang();
  return (
    <Alert
      severity="warning"
      as="h4"
      className="fr-mb-3w"
      title={t.declarations.conflict.title}
      role="alert"
      description={
        <>
          <p className="fr-mb-1w">{t.declarations.conflict.text}</p>
          <p className="fr-mb-0">
            <strong>{t.declarations.conflict.differs}</strong>
          </p>
          {conflict.differing.length === 0 ? (
            <p>{t.declarations.conflict.noneDiffers}</p>
          ) : (
            <ul data-testid="conflict-fields">
              {conflict.differing.map((field) => (
                <li key={field}>
                  {fieldLabel(field, t)} : {formatValue(conflict.now[field], t, lang)}
                </li>
              ))}
            </ul>
          )}
          <p className="fr-mb-0">
            <strong>{t.declarations.conflict.changedSince}</strong>
          </p>
          <ul style={{ overflowWrap: 'anywhere' }}>
            {conflict.since.map((entry) => (
              <li key={entry.revision}>
                {formatDate(entry.at, lang)} · {whoOf(entry, meId, t)} ·{' '}
                {t.declarations.events[entry.type] ?? entry.type}
                {shownChanges(entry).map((change) => (
                  <Fragment key={change.field}>
                    <br />
                    {t.declarations.conflict.change(
                      fieldLabel(change.field, t),
                      formatValue(change.from, t, lang),
                      formatValue(change.to, t, lang),
                    )}
                  </Fragment>
                ))}
              </li>
            ))}
          </ul>
          <div className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
            <Button type="button" onClick={onReapply} disabled={pending}>
              {t.declarations.conflict.reapply}
            </Button>
            <Button type="button" priority="secondary" onClick={onDiscard} disabled={pending}>
              {t.declarations.conflict.discard}
            </Button>
          </div>
        </>
      }
    />
  );
}
