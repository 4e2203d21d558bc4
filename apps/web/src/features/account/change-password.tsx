import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problem-alert';

export function ChangePassword() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/me/password', { body: { currentPassword: current, newPassword: next } }),
      ),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== confirm);
    if (next === confirm) change.mutate();
  };
  const error = change.error instanceof ApiProblem ? change.error : undefined;
  const wrong = error?.status === 403;
  const newMessage = error?.fieldMessage('newPassword', t);
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t.password.title}</h2>
      {change.isSuccess && (
        <Alert severity="success" small className="fr-mb-2w" description={t.password.done} role="status" />
      )}
      <PasswordInput
        messagesHint=""
        label={t.password.current}
        nativeInputProps={{
          value: current,
          onChange: (event) => setCurrent(event.target.value),
          autoComplete: 'current-password',
        }}
        messages={wrong ? [{ severity: 'error', message: t.password.wrong }] : []}
      />
      <PasswordInput
        messagesHint=""
        label={t.password.new}
        hintText={t.password.hint}
        nativeInputProps={{
          value: next,
          onChange: (event) => setNext(event.target.value),
          autoComplete: 'new-password',
        }}
        messages={newMessage ? [{ severity: 'error', message: newMessage }] : []}
      />
      <PasswordInput
        messagesHint=""
        label={t.password.confirm}
        nativeInputProps={{
          value: confirm,
          onChange: (event) => setConfirm(event.target.value),
          autoComplete: 'new-password',
        }}
        messages={mismatch ? [{ severity: 'error', message: t.password.mismatch }] : []}
      />
      <ProblemAlert error={error && !wrong && newMessage === undefined ? error : null} />
      <Button type="submit" disabled={change.isPending}>
        {t.password.submit}
      </Button>
    </form>
  );
}
