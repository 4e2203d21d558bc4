import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { Secret } from '../../ui/copy-button';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';

const LOCAL_ACCOUNT = ['me', 'local-account'] as const;

/** A second factor for a local account: a secret for the authenticator app, then one code to confirm. */
export function TotpEnrolment() {
  const t = useT();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const account = useQuery({
    queryKey: LOCAL_ACCOUNT,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/local-account')),
  });
  const start = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/v1/me/totp')) });
  const confirm = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/me/totp/confirmation', { body: { code: code.trim() } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: LOCAL_ACCOUNT }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  if (account.error) return <ProblemAlert error={account.error} />;
  if (!account.data) return <p>{t.layout.loading}</p>;
  return (
    <>
      <h2>{t.totp.title}</h2>
      {confirm.isSuccess ? (
        <Alert severity="success" small description={t.totp.done} role="status" />
      ) : account.data.totpEnrolled && !start.data ? (
        <>
          <Alert severity="success" small className="fr-mb-2w" description={t.totp.enrolled} />
          <p className="fr-hint-text">{t.totp.restartHint}</p>
          <Button priority="secondary" onClick={() => start.mutate()} disabled={start.isPending}>
            {t.totp.restart}
          </Button>
          <ProblemAlert error={start.error} />
        </>
      ) : (
        <>
          {account.data.totpRequired && !account.data.totpEnrolled && (
            <Alert severity="info" small className="fr-mb-2w" description={t.totp.required} />
          )}
          {!start.data ? (
            <Button onClick={() => start.mutate()} disabled={start.isPending}>
              {t.totp.start}
            </Button>
          ) : (
            <form onSubmit={submit} noValidate>
              <p className="fr-mb-1w">{t.totp.secret}</p>
              <Secret value={start.data.secret} label={t.totp.secret} />
              <p>
                <a href={start.data.otpauthUri}>{t.totp.uri}</a>
              </p>
              <Input
                label={t.totp.code}
                nativeInputProps={{
                  value: code,
                  onChange: (event) => setCode(event.target.value),
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                  maxLength: 6,
                }}
                {...fieldState(confirm.error, 'code', t)}
              />
              <ProblemAlert
                error={confirm.error && !fieldState(confirm.error, 'code', t).state ? confirm.error : null}
              />
              <Button type="submit" disabled={confirm.isPending}>
                {t.totp.confirm}
              </Button>
            </form>
          )}
          <ProblemAlert error={start.error} />
        </>
      )}
    </>
  );
}
