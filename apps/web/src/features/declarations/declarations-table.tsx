import { Card } from '@codegouvfr/react-dsfr/Card';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Link } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { DeadlinesByDeclaration } from './declaration-queries';
import { declarationPath, displayReference, type DeclarationListItem } from './declaration-types';
import { StatusBadge } from './status-badge';
import { WaitingForMe } from './waiting-for-me';

interface Props {
  items: DeclarationListItem[];
  deadlines: DeadlinesByDeclaration | undefined;
}

/**
 * A DSFR table from 768 px up, a list of cards below (a five-column table does not fit 390 px):
 * both are rendered, DSFR's display classes show one, and the hidden one is out of the
 * accessibility tree (display: none).
 */
export function DeclarationsTable({ items, deadlines }: Props) {
  const t = useT();
  const lang = useLang();
  const waiting = (item: DeclarationListItem) => (
    <WaitingForMe
      status={item.status}
      clocks={deadlines?.open.get(item.id) ?? []}
      skewMs={deadlines?.skewMs ?? 0}
    />
  );
  const facility = (item: DeclarationListItem) => (
    <>
      {item.structureName}
      <br />
      <span className="fr-text--xs">FINESS {item.finess}</span>
    </>
  );
  return (
    <>
      <div className="fr-hidden fr-unhidden-md">
        <Table
          caption={t.declarations.caption}
          noCaption
          fixed
          headers={[
            t.declarations.reference,
            t.declarations.facility,
            t.declarations.submittedAt,
            t.declarations.status,
            t.declarations.waiting,
          ]}
          data={items.map((item) => [
            <Link
              key="ref"
              to={declarationPath(item)}
              aria-label={t.declarations.open(displayReference(item))}
            >
              {displayReference(item)}
            </Link>,
            facility(item),
            formatDate(item.submittedAt, lang),
            <StatusBadge key="status" status={item.status} />,
            waiting(item),
          ])}
        />
      </div>
      <ul className="fr-hidden-md fr-raw-list">
        {items.map((item) => (
          <li key={item.id} className="fr-mb-2w">
            <Card
              titleAs="h2"
              size="small"
              border
              enlargeLink
              title={displayReference(item)}
              linkProps={{
                to: declarationPath(item),
                'aria-label': t.declarations.open(displayReference(item)),
              }}
              start={<StatusBadge status={item.status} />}
              desc={
                <>
                  {facility(item)}
                  <br />
                  {t.declarations.submittedAt} {formatDate(item.submittedAt, lang)}
                </>
              }
              end={waiting(item)}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
