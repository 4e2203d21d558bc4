import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';

/** The token taken from the address bar, kept in memory only: a render React starts again must find it. */
let taken = '';

/**
 * The one-time link is `/activer#<token>`: a fragment never reaches a server or its logs. Read once,
 * then wiped from the address bar (and the history) before anything else happens. A render that
 * suspends (the page's chunk, a lazy part) runs this again on an address already wiped: the
 * token read the first time stays the one.
 */
function takeTokenFromFragment(): string {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  if (token !== '') {
    taken = token;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return taken;
}

export function ActivationPage() {
  const t = useT();
  usePageTitle(t.activation.title);
  const [token] = useState(takeTokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const activate = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/local-accounts/activation', { body: { token, password } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password === confirm) activate.mutate();
  };
  const error = activate.error instanceof ApiProblem ? activate.error : undefined;
  const passwordMessage =
    error?.status === 400 ? (error.fieldMessage('password', t) ?? t.errors.fields.password['*']) : undefined;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t.activation.title}</h1>
        {token === '' ? (
          <Alert severity="error" small description={t.activation.noToken} />
        ) : activate.isSuccess ? (
          <>
            <Alert
              severity="success"
              small
              className="fr-mb-4w"
              description={t.activation.done}
              role="status"
            />
            <Button linkProps={{ to: '/connexion' }}>{t.layout.login}</Button>
          </>
        ) : error?.status === 410 ? (
          <Alert severity="error" small description={t.activation.gone} />
        ) : (
          <form onSubmit={submit} noValidate>
            <p>{t.activation.lead}</p>
            <PasswordInput
              label={t.password.new}
              hintText={t.password.hint}
              messagesHint=""
              nativeInputProps={{
                value: password,
                onChange: (event) => setPassword(event.target.value),
                autoComplete: 'new-password',
              }}
              messages={passwordMessage ? [{ severity: 'error', message: passwordMessage }] : []}
            />
            <PasswordInput
              label={t.password.confirm}
              messagesHint=""
              nativeInputProps={{
                value: confirm,
                onChange: (event) => setConfirm(event.target.value),
                autoComplete: 'new-password',
              }}
              messages={mismatch ? [{ severity: 'error', message: t.password.mismatch }] : []}
            />
            <ProblemAlert error={error && passwordMessage === undefined ? error : null} />
            <Button type="submit" disabled={activate.isPending}>
              {t.activation.submit}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
