import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { INTERVENTION_KINDS, type InterventionKind } from './console-codes';
import { ConsoleForm, consoleFieldState, useConsoleCommand, type CommandFormProps } from './console-form';

/** Log a support intervention: its kind and a summary. */
export function InterventionForm({ id, revision, onDone, onConflict }: CommandFormProps) {
  const t = useT();
  const a = t.console.actions;
  const [kind, setKind] = useState('');
  const [summary, setSummary] = useState('');
  const { command, conflict, submit } = useConsoleCommand<{ kind: InterventionKind; summary: string }>(
    id,
    (body, headers) =>
      api.POST('/api/v1/declarations/{id}/support-interventions', {
        params: { path: { id } },
        body,
        headers,
      }),
    (result) => {
      setKind('');
      setSummary('');
      onDone(result);
    },
    onConflict,
  );
  return (
    <ConsoleForm
      fields={['kind', 'summary']}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={a.intervention}
      onSubmit={() => submit({ kind: kind as InterventionKind, summary }, revision)}
    >
      <Select
        label={a.kind}
        nativeSelectProps={{ name: 'kind', value: kind, onChange: (e) => setKind(e.target.value) }}
        {...consoleFieldState(command.error, 'kind', t)}
      >
        <option value="">{a.chooseKind}</option>
        {INTERVENTION_KINDS.map((code) => (
          <option key={code} value={code}>
            {t.console.labels[code] ?? code}
          </option>
        ))}
      </Select>
      <Input
        textArea
        label={a.summary}
        nativeTextAreaProps={{
          name: 'summary',
          rows: 3,
          value: summary,
          onChange: (e) => setSummary(e.target.value),
        }}
        {...consoleFieldState(command.error, 'summary', t)}
      />
    </ConsoleForm>
  );
}
