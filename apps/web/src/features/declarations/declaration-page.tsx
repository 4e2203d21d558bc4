import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMe } from '../../api/me';
import { ApiProblem } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { ClocksList } from './clocks-list';
import { DeclarationActions } from './declaration-actions';
import { DeclarationExchanges } from './declaration-exchanges';
import { DeclarationFacts } from './declaration-facts';
import { DECLARATIONS, useClocks, useDeclaration, useHistory } from './declaration-queries';
import { DeclarationTimeline } from './declaration-timeline';
import { displayReference, type CommandResult } from './declaration-types';
import { LoginNeeded } from './login-needed';
import { StatusBadge } from './status-badge';
import { WaitingForMe } from './waiting-for-me';

/** Not mine, or no such declaration: the same answer (the API's 404 tells them apart for nobody). */
function NotFound() {
  const t = useT();
  return (
    <>
      <h1>{t.declarations.page.notFoundTitle}</h1>
      <p>{t.declarations.page.notFound}</p>
      <Button linkProps={{ to: '/declarations' }}>{t.declarations.page.back}</Button>
    </>
  );
}

/** `/declarations/:reference`: where a declaration stands, its clocks, timeline, exchanges and my actions. */
export function DeclarationPage() {
  const { reference = '' } = useParams();
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  // After a command, reads wait for the read models to hold it (its `position`).
  const [minPosition, setMinPosition] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const detail = useDeclaration(reference, minPosition);
  const id = detail.data?.id;
  const history = useHistory(id, minPosition);
  const clocks = useClocks(id, minPosition);
  const notFound =
    detail.error instanceof ApiProblem && (detail.error.status === 404 || detail.error.status === 400);
  usePageTitle(
    notFound
      ? t.declarations.page.notFoundTitle
      : t.declarations.page.title(detail.data ? displayReference(detail.data) : reference),
  );
  if (me.isPending) return <p>{t.layout.loading}</p>;
  if (!me.data) return <LoginNeeded />;
  if (notFound) return <NotFound />;
  if (detail.error)
    return (
      <>
        <h1>{t.declarations.page.title(reference)}</h1>
        <ProblemAlert error={detail.error} />
      </>
    );
  if (!detail.data) return <p>{t.layout.loading}</p>;
  const declaration = detail.data;
  const p = t.declarations.page;
  const clockItems = clocks.data?.items ?? [];
  const onDone = (result: CommandResult) => {
    setMinPosition(result.position);
    setSaved(true);
    void queryClient.invalidateQueries({ queryKey: DECLARATIONS });
  };
  const onConflict = () => void queryClient.invalidateQueries({ queryKey: DECLARATIONS });
  return (
    <>
      <Button
        priority="tertiary"
        iconId="fr-icon-arrow-left-line"
        size="small"
        linkProps={{ to: '/declarations' }}
      >
        {p.back}
      </Button>
      <h1 className="fr-mt-2w">
        {/* A reference is one word: it does not break at its hyphen on a phone. */}
        {p.heading} <span style={{ whiteSpace: 'nowrap' }}>{displayReference(declaration)}</span>
      </h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-7" aria-labelledby="ou-en-est-elle">
          <h2 id="ou-en-est-elle">{p.whereItStands}</h2>
          <p data-testid="declaration-status">
            <StatusBadge status={declaration.status} small={false} />{' '}
            <span className="fr-text--sm">{p.revision(declaration.revision)}</span>
          </p>
          <WaitingForMe status={declaration.status} clocks={clockItems} skewMs={clocks.data?.skewMs ?? 0} />
        </section>
        <section className="fr-col-12 fr-col-md-5" aria-labelledby="delais">
          <h2 id="delais">{p.clocks}</h2>
          <ProblemAlert error={clocks.error} />
          <ClocksList clocks={clockItems} skewMs={clocks.data?.skewMs ?? 0} />
        </section>
      </div>
      {/* The deadlines come before the facts: on a phone they are what the declarant needs first. */}
      <section aria-labelledby="essentiel" className="fr-mt-4w">
        <h2 id="essentiel">{p.facts}</h2>
        <DeclarationFacts declaration={declaration} />
      </section>
      <section aria-labelledby="mes-actions" className="fr-mt-4w">
        <h2 id="mes-actions">{p.actions}</h2>
        {saved && (
          <Alert
            severity="success"
            small
            className="fr-mb-2w"
            description={t.declarations.forms.sent}
            role="status"
          />
        )}
        <DeclarationActions
          declaration={declaration}
          nis2={clockItems.some((clock) => clock.regime === 'NIS2')}
          cnil={clockItems.some((clock) => clock.regime === 'GDPR') && declaration.cnilNotification === null}
          meId={me.data.user.id}
          onDone={onDone}
          onConflict={onConflict}
        />
      </section>
      <section aria-labelledby="echanges" className="fr-mt-4w">
        <h2 id="echanges">{p.exchanges}</h2>
        <DeclarationExchanges declaration={declaration} />
      </section>
      <section aria-labelledby="historique" className="fr-mt-4w">
        <h2 id="historique">{p.timeline}</h2>
        <ProblemAlert error={history.error} />
        <DeclarationTimeline entries={history.data ?? []} meId={me.data.user.id} />
      </section>
    </>
  );
}
