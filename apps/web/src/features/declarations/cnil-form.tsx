import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { ActionForm } from './action-form';
import { commandFieldState, useDeclarationCommand } from './declaration-command';
import type { CommandResult } from './declaration-types';
import { instantOf } from './local-instant';

/**
 * `POST …/cnil-notification`: the facility notified the CNIL itself (GDPR art. 33); saying so here
 * meets the GDPR clock that a confidentiality breach started.
 */
export function CnilForm({ id, onDone }: { id: string; onDone: (result: CommandResult) => void }) {
  const t = useT();
  const f = t.declarations.forms;
  const [notifiedAt, setNotifiedAt] = useState('');
  const [reference, setReference] = useState('');
  const command = useDeclarationCommand(
    (body: { notifiedAt: string; reference: string }, headers) =>
      api.POST('/api/v1/declarations/{id}/cnil-notification', { params: { path: { id } }, body, headers }),
    onDone,
  );
  return (
    <ActionForm
      fields={['notifiedAt', 'reference']}
      error={command.error}
      pending={command.isPending}
      onSubmit={() => command.mutate({ body: { notifiedAt: instantOf(notifiedAt), reference } })}
    >
      <Input
        label={f.cnilNotifiedAt}
        nativeInputProps={{
          type: 'datetime-local',
          name: 'notifiedAt',
          value: notifiedAt,
          onChange: (e) => setNotifiedAt(e.target.value),
        }}
        {...commandFieldState(command.error, 'notifiedAt', t)}
      />
      <Input
        label={f.cnilReference}
        hintText={f.cnilReferenceHint}
        nativeInputProps={{
          name: 'reference',
          value: reference,
          onChange: (e) => setReference(e.target.value),
        }}
        {...commandFieldState(command.error, 'reference', t)}
      />
    </ActionForm>
  );
}
