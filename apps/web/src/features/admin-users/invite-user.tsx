import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { Secret } from '../../ui/copy-button';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';
import { ROLES, USERS } from './users-keys';
import { parseFinessList } from './finess-list';

export function InviteUser() {
  const t = useT();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [finess, setFiness] = useState('');
  const invite = useMutation({
    mutationFn: async () => {
      const list = parseFinessList(finess);
      return unwrap(
        await api.POST('/api/v1/users', {
          body: {
            email: email.trim(),
            name: name.trim(),
            role: role as Role,
            ...(list.length > 0 ? { finess: list } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      setEmail('');
      setName('');
      setRole('');
      setFiness('');
      void queryClient.invalidateQueries({ queryKey: USERS });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const fields = ['email', 'name', 'role', 'finess'];
  const unshown =
    invite.error && !fields.some((field) => fieldState(invite.error, field, t).state) ? invite.error : null;
  return (
    <section aria-labelledby="inviter">
      <h2 id="inviter">{t.admin.invite}</h2>
      {invite.data && (
        <Alert
          severity="success"
          className="fr-mb-4w"
          title={t.admin.invited(invite.data.user.email)}
          description={
            invite.data.activationUrl ? (
              <>
                <p className="fr-mb-1w">
                  <strong>{t.admin.activationLink}</strong>
                </p>
                <Secret value={invite.data.activationUrl} label={t.admin.activationLink} />
              </>
            ) : (
              t.admin.noActivationLink
            )
          }
        />
      )}
      <form onSubmit={submit} noValidate>
        <Input
          label={t.admin.email}
          nativeInputProps={{
            type: 'email',
            autoComplete: 'off',
            value: email,
            onChange: (event) => setEmail(event.target.value),
          }}
          {...fieldState(invite.error, 'email', t)}
        />
        <Input
          label={t.admin.name}
          nativeInputProps={{
            autoComplete: 'off',
            value: name,
            onChange: (event) => setName(event.target.value),
          }}
          {...fieldState(invite.error, 'name', t)}
        />
        <Select
          label={t.admin.role}
          nativeSelectProps={{ value: role, onChange: (event) => setRole(event.target.value as Role | '') }}
          {...fieldState(invite.error, 'role', t)}
        >
          <option value="" disabled>
            {t.admin.chooseRole}
          </option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t.roles[value]}
            </option>
          ))}
        </Select>
        <Input
          label={t.admin.finess}
          hintText={t.admin.finessHint}
          textArea
          nativeTextAreaProps={{ rows: 3, value: finess, onChange: (event) => setFiness(event.target.value) }}
          {...fieldState(invite.error, 'finess', t)}
        />
        <ProblemAlert error={unshown} />
        <Button type="submit" disabled={invite.isPending}>
          {t.admin.submitInvite}
        </Button>
      </form>
    </section>
  );
}
