import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { Secret } from '../../ui/copy-button';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';

const TOKENS = ['me', 'tokens'] as const;

/** Personal API tokens: created here, shown once, listed by prefix, revoked. */
export function ApiTokens() {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('');
  const tokens = useQuery({
    queryKey: TOKENS,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/tokens')).items,
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/me/tokens', {
          body: { label: label.trim(), ...(days.trim() === '' ? {} : { expiresInDays: Number(days) }) },
        }),
      ),
    onSuccess: () => {
      setLabel('');
      setDays('');
      void queryClient.invalidateQueries({ queryKey: TOKENS });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <h2>{t.tokens.title}</h2>
      <p>{t.tokens.lead}</p>
      {create.data && (
        <Alert
          severity="success"
          className="fr-mb-4w"
          title={t.tokens.createdTitle}
          description={
            <>
              <p className="fr-mb-1w">
                <strong>{t.tokens.createdWarning}</strong>
              </p>
              <Secret value={create.data.token} label={create.data.label} />
            </>
          }
        />
      )}
      <form onSubmit={submit} noValidate className="fr-mb-4w">
        <Input
          label={t.tokens.label}
          hintText={t.tokens.labelHint}
          nativeInputProps={{
            value: label,
            onChange: (event) => setLabel(event.target.value),
            required: true,
            maxLength: 100,
          }}
          {...fieldState(create.error, 'label', t)}
        />
        <Input
          label={t.tokens.expires}
          hintText={t.tokens.expiresHint}
          nativeInputProps={{
            value: days,
            onChange: (event) => setDays(event.target.value),
            inputMode: 'numeric',
            type: 'number',
            min: 1,
            max: 366,
          }}
          {...fieldState(create.error, 'expiresInDays', t)}
        />
        <ProblemAlert error={create.error && !hasFieldError(create.error) ? create.error : null} />
        <Button type="submit" disabled={create.isPending}>
          {t.tokens.create}
        </Button>
      </form>
      <ProblemAlert error={tokens.error ?? revoke.error} />
      {tokens.data?.length === 0 && <p>{t.tokens.none}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <Table
          caption={t.tokens.caption}
          headers={[
            t.tokens.label,
            t.tokens.prefix,
            t.tokens.createdAt,
            t.tokens.expiresAt,
            t.tokens.lastUsedAt,
            t.tokens.actions,
          ]}
          data={tokens.data.map((token) => [
            token.label,
            <code key="prefix">{token.prefix}…</code>,
            formatDate(token.createdAt, lang),
            formatDate(token.expiresAt, lang),
            token.lastUsedAt ? formatDate(token.lastUsedAt, lang) : t.tokens.never,
            <Button
              key="revoke"
              priority="tertiary"
              size="small"
              iconId="fr-icon-delete-line"
              title={t.tokens.revokeLabel(token.label)}
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id)}
            >
              {t.tokens.revoke}
            </Button>,
          ])}
        />
      )}
    </>
  );
}

const hasFieldError = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'errors' in error &&
  (error as { errors: unknown[] }).errors.length > 0;
