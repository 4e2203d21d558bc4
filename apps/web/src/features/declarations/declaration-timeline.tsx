import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { TimelineEntry } from './declaration-types';
import { fieldLabel, formatValue, shownChanges, whoOf } from './timeline-format';

/**
 * Every event of the declaration, oldest first: when, who, what, and what changed. An ordered
 * list rather than a table: long texts (an answer, a report) wrap on a phone.
 */
export function DeclarationTimeline({
  entries,
  meId,
  who,
}: {
  entries: readonly TimelineEntry[];
  meId?: string;
  /** Who did it, in the reader's terms (the console names the CERT's people); else the declarant's. */
  who?: (entry: TimelineEntry) => string;
}) {
  const t = useT();
  const lang = useLang();
  return (
    // Long texts (an answer, a pasted log line) break anywhere rather than run off a phone.
    <ol
      className="fr-raw-list"
      aria-label={t.declarations.page.timelineCaption}
      style={{ overflowWrap: 'anywhere' }}
    >
      {entries.map((entry) => (
        <li key={entry.revision} className="fr-mb-3w">
          <p className="fr-mb-1v">
            <strong>{t.declarations.events[entry.type] ?? entry.type}</strong>
          </p>
          <p className="fr-text--sm fr-mb-1v">
            <time dateTime={entry.at}>{formatDate(entry.at, lang)}</time> ·{' '}
            {who ? who(entry) : whoOf(entry, meId, t)}
          </p>
          {shownChanges(entry).length > 0 && (
            <ul className="fr-text--sm fr-mb-0">
              {shownChanges(entry).map((change) => (
                <li key={change.field}>
                  {change.from === null
                    ? `${fieldLabel(change.field, t)} : ${formatValue(change.to, t, lang)}`
                    : t.declarations.conflict.change(
                        fieldLabel(change.field, t),
                        formatValue(change.from, t, lang),
                        formatValue(change.to, t, lang),
                      )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
