import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import type { Messages } from '../../i18n/fr';
import { useT } from '../../i18n/i18n';
import { commandSummary, useDeclarationCommand } from '../declarations/declaration-command';
import type { CommandResult } from '../declarations/declaration-types';
import { BY_VIGIE } from '../declarations/timeline-format';

export interface Answer {
  data?: CommandResult;
  error?: unknown;
  response: Response;
}

export type Send<B> = (body: B, headers: Record<string, string>) => Promise<Answer>;

/** What every command form of a declaration's page takes: the declaration, its revision, what to do after. */
export interface CommandFormProps {
  id: string;
  revision: number;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** A 400's message next to its field, in the console's words (else the declarant page's, else generic). */
export function consoleFieldState(error: unknown, field: string, t: Messages) {
  if (!(error instanceof ApiProblem)) return {};
  if (!error.errors.some((e) => e.field === field || e.field.startsWith(`${field}.`))) return {};
  return {
    state: 'error' as const,
    stateRelatedMessage: t.console.errors[field] ?? t.declarations.errors[field] ?? t.errors.field,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a 412: the declaration's revision now, and whether all that happened since `seen` is
 * Vigie's own (a mail sent, a reminder, a delivery to an authority). The read models may lag a
 * moment behind the event store: this waits (5 s at most) for a later revision.
 */
async function sinceRevision(id: string, seen: number): Promise<{ revision: number; byVigieOnly: boolean }> {
  const read = async () => unwrap(await api.GET('/api/v1/declarations/{id}', { params: { path: { id } } }));
  let current = await read();
  for (let attempt = 1; attempt < 25 && current.revision <= seen; attempt++) {
    await pause(200);
    current = await read();
  }
  const history = unwrap(
    await api.GET('/api/v1/declarations/{id}/history', {
      params: { path: { id }, query: { minPosition: current.position } },
    }),
  ).items;
  return {
    revision: current.revision,
    byVigieOnly: history.filter((entry) => entry.revision > seen).every((entry) => BY_VIGIE.has(entry.type)),
  };
}

/** A 412 that only Vigie caused is sent again on the new revision, this many times in a row at most. */
const MAX_AUTOMATIC = 3;

/**
 * One command form: sent with `If-Match` on the revision shown. A 412 that a person caused keeps
 * the input, says so and offers to re-apply it on the new revision; one that only Vigie caused (a
 * mail to the facility recorded meanwhile: common right after a message) goes again, unseen.
 */
export function useConsoleCommand<B>(
  id: string,
  send: Send<B>,
  onDone: (result: CommandResult) => void,
  onConflict: () => void,
) {
  const [conflict, setConflict] = useState(false);
  const latest = useRef(0);
  const automatic = useRef(0);
  const command = useDeclarationCommand<B>(send, (result) => {
    setConflict(false);
    automatic.current = 0;
    onDone(result);
  });
  const submit = (body: B, revision: number) => {
    const ifMatch = Math.max(revision, latest.current);
    command.mutate(
      { body, ifMatch },
      {
        onError: (error) => {
          if (!(error instanceof ApiProblem) || error.status !== 412) return;
          void sinceRevision(id, ifMatch).then((found) => {
            latest.current = found.revision;
            if (found.byVigieOnly && automatic.current < MAX_AUTOMATIC) {
              automatic.current += 1;
              submit(body, found.revision);
              return;
            }
            setConflict(true);
            onConflict();
          });
        },
      },
    );
  };
  return { command, conflict, submit };
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
  // A 412 is told by the conflict's own alert (or not at all, when Vigie alone caused it).
  const stale = error instanceof ApiProblem && error.status === 412;
  const summary = conflict || stale ? null : commandSummary(error, fields, t);
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
