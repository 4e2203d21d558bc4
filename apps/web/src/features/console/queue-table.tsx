import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Card } from '@codegouvfr/react-dsfr/Card';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { displayReference, type DeclarationListItem } from '../declarations/declaration-types';
import { Countdown } from '../declarations/countdown';
import { StatusBadge } from '../declarations/status-badge';
import { sortOf, type QueueState, type SortKey } from './queue-params';

export const consolePath = (item: { id: string; reference?: string | null }): string =>
  `/console/declarations/${encodeURIComponent(item.reference ?? item.id)}`;

/** No qualification yet: what the origin and type say is the declarant's guess. */
const supposed = (item: DeclarationListItem): boolean => !item.qualified;

interface Props {
  items: DeclarationListItem[];
  state: QueueState;
  nameOf: (sub: string | null) => string;
  onSort: (key: SortKey) => void;
  /** The ids ticked for a bulk action. */
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], ticked: boolean) => void;
}

/** A DSFR checkbox whose label is read, not shown: the row's reference says which one it is. */
function Tick({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (ticked: boolean) => void;
}) {
  return (
    <div className="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={id} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label className="fr-label" htmlFor={id}>
        <span className="fr-sr-only">{label}</span>
      </label>
    </div>
  );
}

/** The queue: a DSFR table from 768 px up, cards below; actual patient endangerment stands out in words, too. */
export function QueueTable({ items, state, nameOf, onSort, selected, onSelect }: Props) {
  const t = useT();
  const lang = useLang();
  const q = t.console.queue;
  const label = (code: string | null) =>
    code === null ? t.declarations.empty : (t.console.labels[code] ?? code);
  const sort = sortOf(state);
  const assignee = (item: DeclarationListItem) => nameOf(item.assignee);
  const nextDue = (item: DeclarationListItem) =>
    item.nextDeadline === null ? (
      t.declarations.empty
    ) : (
      <>
        <Countdown dueAt={item.nextDeadline.dueAt} />
        <br />
        {/* The regime's code, not its name: the column stays narrow. */}
        <span className="fr-text--xs">
          {item.nextDeadline.regime} —{' '}
          {t.declarations.stages[item.nextDeadline.stage] ?? item.nextDeadline.stage}
        </span>
      </>
    );
  const b = t.console.bulk;
  const allTicked = items.length > 0 && items.every((item) => selected.has(item.id));
  const tick = (item: DeclarationListItem, where: string) => (
    <Tick
      id={`${where}-${item.id}`}
      label={b.select(displayReference(item))}
      checked={selected.has(item.id)}
      onChange={(ticked) => onSelect([item.id], ticked)}
    />
  );
  const originType = (item: DeclarationListItem) => (
    <>
      {label(item.origin)}
      {item.type !== null && <> · {label(item.type)}</>}{' '}
      <span className="fr-text--xs">({supposed(item) ? q.supposed : q.qualified})</span>
    </>
  );
  const patient = (item: DeclarationListItem) =>
    item.patientEndangerment === 'ACTUAL' ? (
      <Badge as="span" small severity="error">
        {q.actual}
      </Badge>
    ) : (
      (t.declarations.values[item.patientEndangerment] ?? item.patientEndangerment)
    );
  const facility = (item: DeclarationListItem) => (
    <>
      {item.structureName}
      <br />
      <span className="fr-text--xs">
        FINESS {item.finess} · {label(item.structureType)} · {t.console.regions[item.region] ?? item.region}
      </span>
    </>
  );
  const header = (text: string, key?: SortKey): ReactNode => {
    if (key === undefined) return <th scope="col">{text}</th>;
    const active = sort.key === key;
    const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
    const next = active && !sort.descending ? q.descending : q.ascending;
    return (
      <th scope="col" aria-sort={ariaSort}>
        <button
          type="button"
          className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
          title={q.sortBy(text, next)}
          onClick={() => onSort(key)}
        >
          {text}
          <span aria-hidden="true">{active ? (sort.descending ? ' ↓' : ' ↑') : ' ↕'}</span>
        </button>
      </th>
    );
  };
  const actualRow = {
    background: 'var(--background-contrast-error)',
    boxShadow: 'inset 4px 0 0 var(--border-plain-error)',
  };
  return (
    <>
      <div className="fr-hidden fr-unhidden-md">
        <div className="fr-table fr-table--no-caption" style={{ width: '100%' }}>
          <table>
            <caption>{q.caption}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <Tick
                    id="select-all"
                    label={b.selectAll}
                    checked={allTicked}
                    onChange={(ticked) =>
                      onSelect(
                        items.map((item) => item.id),
                        ticked,
                      )
                    }
                  />
                </th>
                {header(q.reference)}
                {header(q.facility, 'structureName')}
                {header(q.submittedAt, 'submittedAt')}
                {header(q.status, 'status')}
                {header(q.originType, 'origin')}
                {header(q.patient, 'patientEndangerment')}
                {header(q.impact, 'operationalImpact')}
                {header(q.nextDue)}
                {header(q.assignee)}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} style={item.patientEndangerment === 'ACTUAL' ? actualRow : undefined}>
                  <td>{tick(item, 'row')}</td>
                  <td>
                    <Link to={consolePath(item)} aria-label={q.open(displayReference(item))}>
                      {displayReference(item)}
                    </Link>
                  </td>
                  <td>{facility(item)}</td>
                  <td>{formatDate(item.submittedAt, lang)}</td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{originType(item)}</td>
                  <td>{patient(item)}</td>
                  <td>{t.declarations.values[item.operationalImpact] ?? item.operationalImpact}</td>
                  <td>{nextDue(item)}</td>
                  <td>{assignee(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ul className="fr-hidden-md fr-raw-list">
        {items.map((item) => (
          <li
            key={item.id}
            className="fr-mb-2w"
            style={item.patientEndangerment === 'ACTUAL' ? actualRow : undefined}
          >
            <Card
              titleAs="h2"
              size="small"
              border
              enlargeLink
              title={displayReference(item)}
              linkProps={{ to: consolePath(item), 'aria-label': q.open(displayReference(item)) }}
              start={
                <p className="fr-mb-1v">
                  {tick(item, 'card')}
                  <StatusBadge status={item.status} />{' '}
                  {item.patientEndangerment === 'ACTUAL' && patient(item)}
                </p>
              }
              desc={
                <>
                  {facility(item)}
                  <br />
                  {q.submittedAt} {formatDate(item.submittedAt, lang)}
                  <br />
                  {originType(item)}
                  <br />
                  {q.patient} : {t.declarations.values[item.patientEndangerment] ?? item.patientEndangerment}
                  <br />
                  {q.impact} : {t.declarations.values[item.operationalImpact] ?? item.operationalImpact}
                  <br />
                  {q.nextDue} : {nextDue(item)}
                  <br />
                  {q.assignee} : {assignee(item)}
                </>
              }
            />
          </li>
        ))}
      </ul>
    </>
  );
}
