import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ActionForm } from './action-form';
import { commandFieldState, useDeclarationCommand } from './declaration-command';
import type { CommandResult } from './declaration-types';

interface Answer {
  data?: CommandResult;
  error?: unknown;
  response: Response;
}

interface Props {
  /** The body's one field (`answer`, `reason`, `body`): a 400 on it shows next to the text area. */
  field: string;
  label: string;
  hint?: string;
  send: (body: Record<string, string>, headers: Record<string, string>) => Promise<Answer>;
  onDone: (result: CommandResult) => void;
}

/** An action whose body is one text: answer a complement, request support, write to the CERT. */
export function TextActionForm({ field, label, hint, send, onDone }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const command = useDeclarationCommand(send, (result) => {
    setText('');
    onDone(result);
  });
  return (
    <ActionForm
      fields={[field]}
      error={command.error}
      pending={command.isPending}
      onSubmit={() => command.mutate({ body: { [field]: text } })}
    >
      <Input
        textArea
        label={label}
        hintText={hint}
        nativeTextAreaProps={{ name: field, rows: 4, value: text, onChange: (e) => setText(e.target.value) }}
        {...commandFieldState(command.error, field, t)}
      />
    </ActionForm>
  );
}
