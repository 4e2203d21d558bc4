import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { loginUrl } from '../../api/client';
import { useMe } from '../../api/me';
import { DEFAULT_SITE, useSite } from '../../api/site';
import type { Me } from '../../api/types';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { emptyForm, ESSENTIALS } from './declare-form';
import { DeclareWizard, type WizardStart } from './declare-wizard';
import { deleteDraft, loadDraft } from './draft-store';
import { pendingEntries } from './outbox';

/** `/declarer`: the declaration wizard, for the people who declare for facilities. */
export function DeclarePage() {
  const t = useT();
  usePageTitle(t.declare.title);
  const me = useMe();
  const site = useSite().data ?? DEFAULT_SITE;
  return (
    <>
      <h1 id="declare-title">{t.declare.title}</h1>
      {site.emergencyPhone !== '' && (
        <Notice className="fr-mb-4w" title={t.declare.emergency(site.emergencyPhone)} />
      )}
      {me.isPending ? (
        <p>{t.layout.loading}</p>
      ) : me.data === null || me.data === undefined ? (
        <Button iconId="fr-icon-lock-line" linkProps={{ to: loginUrl('/declarer'), reloadDocument: true }}>
          {t.layout.login}
        </Button>
      ) : me.data.finess.length === 0 ? (
        <Alert
          severity="info"
          small
          description={me.data.roles.includes('declarant') ? t.declare.noFacility : t.declare.forbidden}
        />
      ) : (
        <DeclareSession me={me.data} />
      )}
    </>
  );
}

/** A new form: the person's name and e-mail as the API knows them, their facility if they have one. */
function freshStart(me: Me): WizardStart {
  return {
    form: {
      ...emptyForm(),
      finess: me.finess.length === 1 ? me.finess[0] : '',
      declarantName: me.user.name ?? '',
      declarantEmail: me.user.email ?? '',
    },
    step: ESSENTIALS,
  };
}

function DeclareSession({ me }: { me: Me }) {
  const t = useT();
  const lang = useLang();
  const userId = me.user.id;
  const [choice, setChoice] = useState<'resume' | 'restart'>();
  const local = useQuery({
    queryKey: ['declare', 'on-this-device', userId],
    queryFn: async () => ({ draft: await loadDraft(userId), pending: await pendingEntries(userId) }),
    // What this device holds, read again at each visit of the page.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
  if (local.isPending) return <p>{t.layout.loading}</p>;
  const draft = local.data?.draft;
  const waiting = local.data?.pending[0];
  if (waiting !== undefined)
    return (
      <DeclareWizard
        userId={userId}
        facilities={me.finess}
        start={{ ...freshStart(me), pendingKey: waiting.key }}
      />
    );
  if (draft !== undefined && choice === undefined) {
    const date = formatDate(draft.savedAt, lang);
    return (
      <section aria-labelledby="declare-draft" className="fr-mb-4w">
        <h2 id="declare-draft" className="fr-h4">
          {t.declare.draft.found(date)}
        </h2>
        <Button className="fr-mr-2w fr-mb-2w" iconId="fr-icon-draft-line" onClick={() => setChoice('resume')}>
          {t.declare.draft.resume(date)}
        </Button>
        <Button
          className="fr-mb-2w"
          priority="secondary"
          onClick={() => void deleteDraft(userId).finally(() => setChoice('restart'))}
        >
          {t.declare.draft.restart}
        </Button>
      </section>
    );
  }
  const start: WizardStart =
    choice === 'resume' && draft !== undefined
      ? { form: { ...emptyForm(), ...draft.form }, step: draft.step, problem: draft.problem }
      : freshStart(me);
  return <DeclareWizard key={choice ?? 'new'} userId={userId} facilities={me.finess} start={start} />;
}
