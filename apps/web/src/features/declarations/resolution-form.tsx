import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { ActionForm } from './action-form';
import { commandFieldState, useDeclarationCommand } from './declaration-command';
import type { CommandResult } from './declaration-types';
import { instantOf } from './local-instant';

/** `POST /api/v1/declarations/{id}/resolution`: when and how the incident was resolved. */
export function ResolutionForm({ id, onDone }: { id: string; onDone: (result: CommandResult) => void }) {
  const t = useT();
  const [resolvedAt, setResolvedAt] = useState('');
  const [summary, setSummary] = useState('');
  const command = useDeclarationCommand(
    (body: { resolvedAt: string; summary: string }, headers) =>
      api.POST('/api/v1/declarations/{id}/resolution', { params: { path: { id } }, body, headers }),
    onDone,
  );
  return (
    <ActionForm
      fields={['resolvedAt', 'summary']}
      error={command.error}
      pending={command.isPending}
      onSubmit={() => command.mutate({ body: { resolvedAt: instantOf(resolvedAt), summary } })}
    >
      <Input
        label={t.declarations.forms.resolvedAt}
        nativeInputProps={{
          type: 'datetime-local',
          name: 'resolvedAt',
          value: resolvedAt,
          onChange: (e) => setResolvedAt(e.target.value),
        }}
        {...commandFieldState(command.error, 'resolvedAt', t)}
      />
      <Input
        textArea
        label={t.declarations.forms.resolutionSummary}
        nativeTextAreaProps={{
          name: 'summary',
          rows: 4,
          value: summary,
          onChange: (e) => setSummary(e.target.value),
        }}
        {...commandFieldState(command.error, 'summary', t)}
      />
    </ActionForm>
  );
}
