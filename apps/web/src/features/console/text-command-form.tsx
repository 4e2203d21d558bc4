import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { CommandResult } from '../declarations/declaration-types';
import { ConsoleForm, consoleFieldState, useConsoleCommand, type Send } from './console-form';

interface Props {
  id: string;
  field: string;
  label: string;
  hint?: string;
  submitLabel: string;
  revision: number;
  send: Send<Record<string, string>>;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** A command whose body is one text: a complement request, a message, a note, a closure or reopening reason. */
export function TextCommandForm({
  id,
  field,
  label,
  hint,
  submitLabel,
  revision,
  send,
  onDone,
  onConflict,
}: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const { command, conflict, submit } = useConsoleCommand(
    id,
    send,
    (result) => {
      setText('');
      onDone(result);
    },
    onConflict,
  );
  return (
    <ConsoleForm
      fields={[field]}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={submitLabel}
      onSubmit={() => submit({ [field]: text }, revision)}
    >
      <Input
        textArea
        label={label}
        hintText={hint}
        nativeTextAreaProps={{ name: field, rows: 3, value: text, onChange: (e) => setText(e.target.value) }}
        {...consoleFieldState(command.error, field, t)}
      />
    </ConsoleForm>
  );
}
