import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMe } from '../../api/me';
import { ApiProblem } from '../../api/problem';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { ClocksList } from '../declarations/clocks-list';
import { DeclarationExchanges } from '../declarations/declaration-exchanges';
import { DeclarationFacts } from '../declarations/declaration-facts';
import { DECLARATIONS, useClocks, useDeclaration, useHistory } from '../declarations/declaration-queries';
import { DeclarationTimeline } from '../declarations/declaration-timeline';
import {
  displayReference,
  type CommandResult,
  type DeclarationView,
} from '../declarations/declaration-types';
import { StatusBadge } from '../declarations/status-badge';
import { AssignToForm } from './assign-to-form';
import { useCertStaff, useNameOf } from './cert-staff';
import { AssignButton, ConsoleActions } from './console-actions';
import { ConsoleOnly } from './console-access';
import { consoleWhoOf, withNames } from './console-history';

/** What only the CERT reads: the suspected and qualified typology, the interventions. */
function CertFacts({ declaration: d }: { declaration: DeclarationView }) {
  const t = useT();
  const lang = useLang();
  const p = t.console.page;
  const label = (code: string | null) =>
    code === null ? t.declarations.empty : (t.console.labels[code] ?? code);
  const q = d.qualification;
  const facts: [string, string][] = [
    [
      p.declarant,
      `${d.declarant.name} · ${d.declarant.role} · ${d.declarant.email}${d.declarant.phone ? ` · ${d.declarant.phone}` : ''}`,
    ],
    [p.suspected, `${label(d.suspectedOrigin)} · ${label(d.suspectedType)}`],
    [
      p.qualification,
      q === null
        ? p.notQualified
        : [
            label(q.origin),
            label(q.type),
            ...q.attackVectors.map((code) => label(code === 'OTHER' ? 'OTHER_VECTOR' : code)),
            label(q.regulatoryQualification),
            q.inScope ? p.inScope : p.outOfScope(q.outOfScopeReason ?? ''),
            formatDate(q.qualifiedAt, lang),
          ].join(' · '),
    ],
    ...d.interventions.map((i): [string, string] => [
      `${p.interventions} — ${formatDate(i.loggedAt, lang)}`,
      `${label(i.kind)} : ${i.summary}`,
    ]),
  ];
  return (
    <dl className="fr-grid-row fr-grid-row--gutters" style={{ overflowWrap: 'anywhere' }}>
      {facts.map(([term, text]) => (
        <div key={term} className="fr-col-12 fr-col-md-6">
          <dt className="fr-text--bold">{term}</dt>
          <dd className="fr-ml-0">{text}</dd>
        </div>
      ))}
    </dl>
  );
}

function InternalNotes({
  declaration,
  nameOf,
}: {
  declaration: DeclarationView;
  nameOf: (sub: string | null) => string;
}) {
  const t = useT();
  const lang = useLang();
  const p = t.console.page;
  if (declaration.internalNotes.length === 0) return <p>{p.noNote}</p>;
  return (
    <ol className="fr-raw-list" style={{ overflowWrap: 'anywhere' }}>
      {declaration.internalNotes.map((note) => (
        <li
          key={note.noteId}
          className="fr-mb-2w fr-p-2w"
          style={{
            border: '2px dashed var(--border-default-grey)',
            background: 'var(--background-alt-grey)',
          }}
        >
          <p className="fr-text--sm fr-mb-1v">
            <Badge as="span" small severity="warning" noIcon>
              {p.noteMark}
            </Badge>{' '}
            · <time dateTime={note.postedAt}>{formatDate(note.postedAt, lang)}</time> ·{' '}
            {nameOf(note.postedBy)}
          </p>
          <p className="fr-mb-0" style={{ whiteSpace: 'pre-line' }}>
            {note.body}
          </p>
        </li>
      ))}
    </ol>
  );
}

function ConsoleDeclaration() {
  const { reference = '' } = useParams();
  const t = useT();
  const p = t.console.page;
  const me = useMe();
  const meSub = me.data?.user.id ?? '';
  const queryClient = useQueryClient();
  const nameOf = useNameOf(meSub);
  const staff = useCertStaff().data ?? [];
  const [minPosition, setMinPosition] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const detail = useDeclaration(reference, minPosition);
  const id = detail.data?.id;
  const history = useHistory(id, minPosition);
  const clocks = useClocks(id, minPosition);
  const notFound =
    detail.error instanceof ApiProblem && (detail.error.status === 404 || detail.error.status === 400);
  usePageTitle(p.title(detail.data ? displayReference(detail.data) : reference));
  const back = (
    <Button
      priority="tertiary"
      iconId="fr-icon-arrow-left-line"
      size="small"
      linkProps={{ to: '/console/declarations' }}
    >
      {p.back}
    </Button>
  );
  if (notFound)
    return (
      <>
        {back}
        <h1 className="fr-mt-2w">{t.declarations.page.notFoundTitle}</h1>
        <p>{p.notFound}</p>
      </>
    );
  if (detail.error)
    return (
      <>
        <h1>{p.title(reference)}</h1>
        <ProblemAlert error={detail.error} />
      </>
    );
  if (!detail.data) return <p>{t.layout.loading}</p>;
  const declaration = detail.data;
  const onDone = (result: CommandResult) => {
    setMinPosition(result.position);
    setSaved(true);
    void queryClient.invalidateQueries({ queryKey: DECLARATIONS });
  };
  const onConflict = () => {
    setSaved(false);
    void queryClient.invalidateQueries({ queryKey: DECLARATIONS });
  };
  const assignee = nameOf(declaration.assignee);
  const actionProps = { declaration, meSub, onDone, onConflict };
  return (
    <>
      {back}
      <h1 className="fr-mt-2w">
        {p.heading} <span style={{ whiteSpace: 'nowrap' }}>{displayReference(declaration)}</span>
      </h1>
      {saved && (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={t.declarations.forms.sent}
          role="status"
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-7" aria-labelledby="etat">
          <h2 id="etat">{t.declarations.page.whereItStands}</h2>
          <p data-testid="console-status">
            <StatusBadge status={declaration.status} small={false} />{' '}
            {declaration.patientEndangerment === 'ACTUAL' && (
              <Badge as="span" severity="error">
                {t.console.queue.patient} : {t.console.queue.actual}
              </Badge>
            )}{' '}
            <span className="fr-text--sm">{t.declarations.page.revision(declaration.revision)}</span>
          </p>
          <p data-testid="console-assignee">
            {p.assignee} : <strong>{assignee}</strong>
          </p>
          <AssignButton {...actionProps} />
          <AssignToForm key={`${declaration.revision}`} {...actionProps} />
        </section>
        <section className="fr-col-12 fr-col-md-5" aria-labelledby="delais">
          <h2 id="delais">{t.declarations.page.clocks}</h2>
          <ProblemAlert error={clocks.error} />
          <ClocksList clocks={clocks.data?.items ?? []} skewMs={clocks.data?.skewMs ?? 0} />
        </section>
      </div>
      <section aria-labelledby="faits" className="fr-mt-4w">
        <h2 id="faits">{p.facts}</h2>
        <DeclarationFacts declaration={declaration} />
        <CertFacts declaration={declaration} />
      </section>
      <section aria-labelledby="actions" className="fr-mt-4w">
        <h2 id="actions">{p.actions}</h2>
        <ConsoleActions {...actionProps} />
      </section>
      <section aria-labelledby="notes" className="fr-mt-4w">
        <h2 id="notes">{p.notes}</h2>
        <InternalNotes declaration={declaration} nameOf={nameOf} />
      </section>
      <section aria-labelledby="echanges" className="fr-mt-4w">
        <h2 id="echanges">{p.exchanges}</h2>
        <DeclarationExchanges declaration={declaration} />
      </section>
      <section aria-labelledby="historique" className="fr-mt-4w">
        <h2 id="historique">{t.declarations.page.timeline}</h2>
        <ProblemAlert error={history.error} />
        <DeclarationTimeline
          entries={withNames(history.data ?? [], nameOf)}
          meId={meSub}
          who={(entry) => consoleWhoOf(entry, meSub, staff, t)}
        />
      </section>
    </>
  );
}

/** `/console/declarations/:reference`: every fact, the clocks, notes, exchanges, history and the analyst's actions. */
export function ConsoleDeclarationPage() {
  return (
    <ConsoleOnly>
      <ConsoleDeclaration />
    </ConsoleOnly>
  );
}
