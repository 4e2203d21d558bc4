import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../api/client';
import type { Role, User } from '../../api/types';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';
import { parseFinessList } from './finess-list';
import { ROLES, USERS } from './users-keys';

type Change = { kind: 'grants' | 'revocations' } | { kind: 'disable'; reason: string } | { kind: 'enable' };

/** Grant or revoke a role (with facilities), disable or enable: in a disclosure, one per user. */
export function UserActions({ user }: { user: User }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>('declarant');
  const [finess, setFiness] = useState('');
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: async (action: Change) => {
      const path = { params: { path: { id: user.id } } };
      const grant = {
        role,
        ...(parseFinessList(finess).length > 0 ? { finess: parseFinessList(finess) } : {}),
      };
      switch (action.kind) {
        case 'grants':
          return unwrap(await api.POST('/api/v1/users/{id}/grants', { ...path, body: grant }));
        case 'revocations':
          return unwrap(await api.POST('/api/v1/users/{id}/revocations', { ...path, body: grant }));
        case 'disable':
          return unwrap(
            await api.POST('/api/v1/users/{id}/disable', { ...path, body: { reason: action.reason } }),
          );
        case 'enable':
          return unwrap(await api.POST('/api/v1/users/{id}/enable', path));
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: USERS }),
  });
  return (
    <details>
      <summary className="fr-link">{t.admin.manage(user.name)}</summary>
      <fieldset className="fr-fieldset fr-mt-2w" aria-labelledby={`${id}-legend`}>
        <legend id={`${id}-legend`} className="fr-fieldset__legend fr-text--md">
          {t.admin.grantTitle}
        </legend>
        <Select
          label={t.admin.role}
          nativeSelectProps={{ value: role, onChange: (event) => setRole(event.target.value as Role) }}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t.roles[value]}
            </option>
          ))}
        </Select>
        <Input
          label={t.admin.finess}
          hintText={t.admin.finessHint}
          nativeInputProps={{ value: finess, onChange: (event) => setFiness(event.target.value) }}
          {...fieldState(change.error, 'finess', t)}
        />
        <div className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <Button size="small" disabled={change.isPending} onClick={() => change.mutate({ kind: 'grants' })}>
            {t.admin.grant}
          </Button>
          <Button
            size="small"
            priority="secondary"
            disabled={change.isPending}
            onClick={() => change.mutate({ kind: 'revocations' })}
          >
            {t.admin.revoke}
          </Button>
        </div>
      </fieldset>
      {user.disabled ? (
        <Button
          size="small"
          priority="secondary"
          disabled={change.isPending}
          onClick={() => change.mutate({ kind: 'enable' })}
        >
          {t.admin.enable}
        </Button>
      ) : (
        <>
          <Input
            label={t.admin.reason}
            nativeInputProps={{ value: reason, onChange: (event) => setReason(event.target.value) }}
            {...fieldState(change.error, 'reason', t)}
          />
          <Button
            size="small"
            priority="tertiary"
            disabled={change.isPending || reason.trim() === ''}
            onClick={() => change.mutate({ kind: 'disable', reason: reason.trim() })}
          >
            {t.admin.disable}
          </Button>
        </>
      )}
      <ProblemAlert
        error={change.error && !fieldState(change.error, 'finess', t).state ? change.error : null}
      />
    </details>
  );
}
