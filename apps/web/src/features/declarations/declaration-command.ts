import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiProblem, unwrap } from '../../api/problem';
import type { Messages } from '../../i18n/fr';
import type { CommandResult } from './declaration-types';

/** What openapi-fetch answers; `unwrap` turns an error into an ApiProblem. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface CommandRequest<B> {
  body: B;
  /** The revision the user saw: `If-Match: "<revision>"`, a 412 if someone changed it since. */
  ifMatch?: number;
}

/**
 * One declaration command sent from a form: an `Idempotency-Key` per distinct request, kept when
 * the very same request is sent again (a retry after a network failure is then applied once) and
 * renewed when the body or the revision changes (the API answers 422 to a key reused for another
 * body). The CSRF header comes from the api client.
 */
export function useDeclarationCommand<B, R extends CommandResult = CommandResult>(
  send: (body: B, headers: Record<string, string>) => Promise<Answer<R>>,
  onDone: (result: R) => void,
) {
  const last = useRef<{ request: string; key: string } | null>(null);
  return useMutation({
    mutationFn: async ({ body, ifMatch }: CommandRequest<B>): Promise<R> => {
      const request = JSON.stringify([body, ifMatch ?? null]);
      if (last.current?.request !== request) last.current = { request, key: crypto.randomUUID() };
      const headers: Record<string, string> = { 'Idempotency-Key': last.current.key };
      if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
      return unwrap(await send(body, headers));
    },
    onSuccess: (result) => {
      last.current = null;
      onDone(result);
    },
  });
}

/** The 409s a retry may cure (docs/http-api.md); every other 409 is a rule of the lifecycle. */
const RETRYABLE = new Set(['concurrent-modification', 'idempotency-key-in-use']);

/** For an Input's `state`/`stateRelatedMessage`: this field's error from a 400, in the user's language. */
export function commandFieldState(error: unknown, field: string, t: Messages) {
  if (!(error instanceof ApiProblem)) return {};
  const hit = error.errors.some(
    (candidate) => candidate.field === field || candidate.field.startsWith(`${field}.`),
  );
  if (!hit) return {};
  return {
    state: 'error' as const,
    stateRelatedMessage: t.declarations.errors[field] ?? t.errors.field,
  };
}

/** The message for what no field shows, or null when each error sits next to its field. */
export function commandSummary(error: unknown, fields: readonly string[], t: Messages): string | null {
  if (error === null || error === undefined) return null;
  if (!(error instanceof ApiProblem)) return t.errors.unreachable;
  if (error.status === 409 && !RETRYABLE.has(error.code)) return t.declarations.errors.lifecycle;
  const shown =
    error.errors.length > 0 &&
    error.errors.every((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
  return shown ? null : error.summary(t);
}
