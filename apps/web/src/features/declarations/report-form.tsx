import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { ActionForm } from './action-form';
import { commandFieldState, useDeclarationCommand } from './declaration-command';
import type { CommandResult } from './declaration-types';

const STAGES = ['NOTIFICATION', 'INTERMEDIATE', 'FINAL'] as const;
type Stage = (typeof STAGES)[number];

/** `POST /api/v1/declarations/{id}/reports`: a NIS2 staged report (notification, intermediate, final). */
export function ReportForm({ id, onDone }: { id: string; onDone: (result: CommandResult) => void }) {
  const t = useT();
  const [stage, setStage] = useState<Stage | ''>('');
  const [content, setContent] = useState('');
  const command = useDeclarationCommand(
    (body: { stage: Stage; content: string }, headers) =>
      api.POST('/api/v1/declarations/{id}/reports', { params: { path: { id } }, body, headers }),
    (result) => {
      setStage('');
      setContent('');
      onDone(result);
    },
  );
  return (
    <ActionForm
      fields={['stage', 'content']}
      error={command.error}
      pending={command.isPending}
      // An unchosen stage goes to the API as it is: its 400 names the field, shown next to it.
      onSubmit={() => command.mutate({ body: { stage: stage as Stage, content } })}
    >
      <Select
        label={t.declarations.forms.reportStage}
        nativeSelectProps={{
          name: 'stage',
          value: stage,
          onChange: (e) => setStage(e.target.value as Stage),
        }}
        {...commandFieldState(command.error, 'stage', t)}
      >
        <option value="" disabled>
          {t.declarations.forms.chooseStage}
        </option>
        {STAGES.map((code) => (
          <option key={code} value={code}>
            {t.declarations.forms.reportStages[code]}
          </option>
        ))}
      </Select>
      <Input
        textArea
        label={t.declarations.forms.reportContent}
        nativeTextAreaProps={{
          name: 'content',
          rows: 6,
          value: content,
          onChange: (e) => setContent(e.target.value),
        }}
        {...commandFieldState(command.error, 'content', t)}
      />
    </ActionForm>
  );
}
