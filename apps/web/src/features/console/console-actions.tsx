import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { CommandResult, DeclarationView } from '../declarations/declaration-types';
import { useAssignment } from './assign-to-form';
import { AuthorityForm } from './authority-form';
import { ConsoleForm } from './console-form';
import { InterventionForm } from './intervention-form';
import { QualifyForm } from './qualify-form';
import { TextCommandForm } from './text-command-form';

interface Props {
  declaration: DeclarationView;
  meSub: string;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** Assign to me, or unassign: one button. */
export function AssignButton({ declaration, meSub, onDone, onConflict }: Props) {
  const t = useT();
  const mine = declaration.assignee === meSub;
  const { command, conflict, submit } = useAssignment(declaration.id, onDone, onConflict);
  return (
    <ConsoleForm
      fields={['assignee']}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={mine ? t.console.actions.unassign : t.console.actions.assignMe}
      onSubmit={() => submit({ assignee: mine ? null : meSub }, declaration.revision)}
    />
  );
}

/** The analyst's actions, each a small form folded in an accordion (keyboard: Tab, Enter). */
export function ConsoleActions({ declaration, onDone, onConflict }: Props) {
  const t = useT();
  const a = t.console.actions;
  const id = declaration.id;
  const revision = declaration.revision;
  const closed = declaration.status === 'CLOSED';
  const common = { revision, onDone, onConflict };
  const text = (
    key: string,
    title: string,
    field: string,
    label: string,
    path:
      | '/api/v1/declarations/{id}/complement-requests'
      | '/api/v1/declarations/{id}/messages'
      | '/api/v1/declarations/{id}/internal-notes'
      | '/api/v1/declarations/{id}/closure'
      | '/api/v1/declarations/{id}/reopening',
    hint?: string,
  ) => (
    <Accordion key={key} label={title} titleAs="h3">
      <TextCommandForm
        {...common}
        id={id}
        field={field}
        label={label}
        hint={hint}
        submitLabel={title}
        send={(body, headers) =>
          api.POST(path, {
            params: { path: { id } },
            // Each route takes its one text field; the DTOs differ only by its name.
            body: { [field]: body[field] ?? '' } as never,
            headers,
          })
        }
      />
    </Accordion>
  );
  return (
    <div className="fr-accordions-group">
      {!closed && (
        <Accordion label={declaration.qualification === null ? a.qualify : a.requalify} titleAs="h3">
          <QualifyForm declaration={declaration} onDone={onDone} onConflict={onConflict} />
        </Accordion>
      )}
      {!closed &&
        text(
          'complement',
          a.complement,
          'question',
          a.question,
          '/api/v1/declarations/{id}/complement-requests',
        )}
      {!closed && (
        <Accordion label={a.intervention} titleAs="h3">
          <InterventionForm id={id} {...common} />
        </Accordion>
      )}
      <Accordion label={a.authority} titleAs="h3">
        <AuthorityForm id={id} {...common} />
      </Accordion>
      {!closed &&
        text('message', a.message, 'body', a.body, '/api/v1/declarations/{id}/messages', a.messageHint)}
      {text('note', a.note, 'body', a.noteBody, '/api/v1/declarations/{id}/internal-notes')}
      {closed
        ? text('reopen', a.reopen, 'reason', a.reason, '/api/v1/declarations/{id}/reopening')
        : text('close', a.close, 'reason', a.reason, '/api/v1/declarations/{id}/closure')}
    </div>
  );
}
