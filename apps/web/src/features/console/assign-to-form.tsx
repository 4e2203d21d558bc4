import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { CommandResult, DeclarationView } from '../declarations/declaration-types';
import { useCertStaff } from './cert-staff';
import { ConsoleForm, consoleFieldState, useConsoleCommand } from './console-form';

/** The choice "nobody" in the picker: an empty value would read as "not chosen". */
const NOBODY = 'none';

/** The picker's options: the analyst first, then the colleagues who may be assigned, then nobody. */
export function useAssigneeOptions(meSub: string): { value: string; label: string }[] {
  const t = useT();
  const a = t.console.actions;
  const staff = useCertStaff().data ?? [];
  const me = staff.find((member) => member.sub === meSub);
  return [
    { value: meSub, label: a.meOption(me?.name ?? t.console.queue.me) },
    ...staff
      .filter((member) => member.active && member.sub !== meSub)
      .map((member) => ({ value: member.sub, label: member.name })),
    { value: NOBODY, label: a.nobodyOption },
  ];
}

export const assigneeOf = (value: string): string | null => (value === NOBODY ? null : value);

/** `POST …/assignment` on the revision shown: the one-button form and the picker both send it. */
export const useAssignment = (id: string, onDone: (result: CommandResult) => void, onConflict: () => void) =>
  useConsoleCommand<{ assignee: string | null }>(
    id,
    (body, headers) =>
      api.POST('/api/v1/declarations/{id}/assignment', { params: { path: { id } }, body, headers }),
    onDone,
    onConflict,
  );

interface Props {
  declaration: DeclarationView;
  meSub: string;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** Assign to a colleague, reassign or unassign (`POST …/assignment`), on the revision shown. */
export function AssignToForm({ declaration, meSub, onDone, onConflict }: Props) {
  const t = useT();
  const a = t.console.actions;
  const staff = useCertStaff().data ?? [];
  const current = declaration.assignee;
  // Someone who left the CERT may still hold it: shown, so that the picker tells the truth.
  const options = [
    ...useAssigneeOptions(meSub),
    ...(current !== null && current !== meSub && !staff.some((m) => m.active && m.sub === current)
      ? [{ value: current, label: staff.find((m) => m.sub === current)?.name ?? current }]
      : []),
  ];
  const [choice, setChoice] = useState(declaration.assignee ?? NOBODY);
  const { command, conflict, submit } = useAssignment(declaration.id, onDone, onConflict);
  return (
    <ConsoleForm
      fields={['assignee']}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={a.assign}
      onSubmit={() => submit({ assignee: assigneeOf(choice) }, declaration.revision)}
    >
      <Select
        label={a.assignTo}
        nativeSelectProps={{
          name: 'assignee',
          value: choice,
          onChange: (event) => setChoice(event.target.value),
        }}
        {...consoleFieldState(command.error, 'assignee', t)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </ConsoleForm>
  );
}
