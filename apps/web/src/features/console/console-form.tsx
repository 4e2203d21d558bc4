import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FormEvent, ReactNode } from 'react';
import { ApiProblem } from '../../api/problem';
import type { Messages } from '../../i18n/fr';
import { useT } from '../../i18n/i18n';
import { commandSummary, useDeclarationCommand } from '../declarations/declaration-command';
import type { CommandResult } from '../declarations/declaration-types';

export interface Answer {
  data?: CommandResult;
  error?: unknown;
  response: Response;
}

export type Send<B> = (body: B, headers: Record<string, string>) => Promise<Answer>;

/** A 400's message next to its field, in the console's words (else the declarant page's, else generic). */
export function consoleFieldState(error: unknown, field: string, t: Messages) {
  if (!(error instanceof ApiProblem)) return {};
  if (!error.errors.some((e) => e.field === field || e.field.startsWith(`${field}.`))) return {};
  return {
    state: 'error' as const,
    stateRelatedMessage: t.console.errors[field] ?? t.declarations.errors[field] ?? t.errors.field,
  };
}

/** One command form: sent with `If-Match` on the revision shown; a 412 keeps the input and offers to re-apply. */
export function useConsoleCommand<B>(
  send: Send<B>,
  onDone: (result: CommandResult) => void,
  onConflict: () => void,
) {
  const command = useDeclarationCommand<B>(send, onDone);
  const conflict = command.error instanceof ApiProblem && command.error.status === 412;
  return {
    command,
    conflict,
    submit: (body: B, revision: number) =>
      command.mutate(
        { body, ifMatch: revision },
        { onError: (error) => error instanceof ApiProblem && error.status === 412 && onConflict() },
      ),
  };
}

interface Props {
  fields: readonly string[];
  error: unknown;
  conflict: boolean;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children?: ReactNode;
}

export function ConsoleForm({ fields, error, conflict, pending, submitLabel, onSubmit, children }: Props) {
  const t = useT();
  const summary = conflict ? null : commandSummary(error, fields, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate className="fr-mb-2w">
      {summary !== null && (
        <Alert severity="error" small className="fr-mb-2w" description={summary} role="alert" />
      )}
      {conflict && (
        <Alert
          severity="warning"
          small
          className="fr-mb-2w"
          description={t.console.actions.conflict}
          role="alert"
        />
      )}
      {children}
      <Button type="submit" disabled={pending}>
        {conflict ? t.console.actions.reapply : submitLabel}
      </Button>
    </form>
  );
}
