import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problem-alert';
import { cellLabel } from './report-labels';
import type { Publication } from './report-model';
import { useRestatements } from './report-queries';
import { ScrollTable } from '../../ui/scroll-table';

const NOW = 'now';

interface Props {
  year: number;
  editions: Publication[];
  from?: string;
  to?: string;
  onCompare: (from: string, to: string) => void;
}

function Delta({ old, now }: { old: number; now: number }) {
  const t = useT();
  const delta = now - old;
  return (
    <Badge small severity={delta > 0 ? 'info' : 'warning'} noIcon>
      {delta > 0 ? `+${delta}` : `−${-delta}`}
      <span className="fr-sr-only"> {t.cert.restatements.delta}</span>
    </Badge>
  );
}

/**
 * Restatements: an edition against another (the other's instant) or against now. Each count that
 * moved, old → new, with the declarations that moved it, each a link to its page in the console.
 */
export function RestatementsPanel({ year, editions, from, to, onCompare }: Props) {
  const t = useT();
  const lang = useLang();
  const s = t.cert.restatements;
  const [base, setBase] = useState(from ?? editions[0]?.id ?? '');
  const [other, setOther] = useState(to ?? NOW);
  const baseEdition = editions.find((edition) => edition.id === from);
  const otherEdition = editions.find((edition) => edition.id === to);
  const comparison =
    baseEdition === undefined
      ? null
      : { year, publicationId: baseEdition.id, ...(otherEdition ? { asOf: otherEdition.asOf } : {}) };
  const restatements = useRestatements(comparison);
  const label = (edition: Publication) =>
    `${formatDate(edition.publishedAt, lang)}${edition.note ? ` — ${edition.note}` : ''}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (base !== '') onCompare(base, other);
  };
  if (editions.length === 0) return <p>{s.needEdition}</p>;
  return (
    <>
      <form onSubmit={submit} className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label={s.form}>
        <div className="fr-col-12 fr-col-md-5">
          <Select
            label={s.base}
            nativeSelectProps={{
              name: 'from',
              value: base,
              onChange: (event) => setBase(event.target.value),
            }}
          >
            {editions.map((edition) => (
              <option key={edition.id} value={edition.id}>
                {label(edition)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <Select
            label={s.other}
            nativeSelectProps={{
              name: 'to',
              value: other,
              onChange: (event) => setOther(event.target.value),
            }}
          >
            <option value={NOW}>{s.now}</option>
            {editions
              .filter((edition) => edition.id !== base)
              .map((edition) => (
                <option key={edition.id} value={edition.id}>
                  {label(edition)}
                </option>
              ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: 'flex-end' }}>
          <button type="submit" className="fr-btn fr-mb-3w">
            {s.compare}
          </button>
        </div>
      </form>
      <ProblemAlert error={restatements.error} />
      {restatements.isFetching && <p>{t.layout.loading}</p>}
      {restatements.data && comparison && (
        <div data-testid="restatements" aria-live="polite">
          <p className="fr-text--lead">
            {s.between(
              formatDate(restatements.data.publication.publishedAt, lang),
              otherEdition ? formatDate(otherEdition.publishedAt, lang) : s.nowLower,
              formatDate(restatements.data.comparedWith.asOf, lang),
            )}
          </p>
          {restatements.data.changes.length === 0 ? (
            <p>{s.none}</p>
          ) : (
            <ScrollTable
              label={s.caption(restatements.data.changes.length)}
              bordered
              headers={[s.cell, s.old, s.new, s.change, s.declarations]}
              data={restatements.data.changes.map((change) => [
                <span key="cell" data-restated={`${change.section}|${change.key}`}>
                  {cellLabel(change.section, change.key, t, lang)}
                </span>,
                String(change.old),
                <strong key="new">{change.new}</strong>,
                <Delta key="delta" old={change.old} now={change.new} />,
                <ul key="declarations" className="fr-raw-list">
                  {change.declarations.map((id) => (
                    <li key={id}>
                      <Link to={`/console/declarations/${encodeURIComponent(id)}`}>
                        {s.declaration(id.slice(0, 8))}
                      </Link>
                    </li>
                  ))}
                </ul>,
              ])}
            />
          )}
        </div>
      )}
    </>
  );
}
