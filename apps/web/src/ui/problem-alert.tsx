import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiProblem } from '../api/problem';
import { useT } from '../i18n/i18n';

/** What went wrong with a call, for the errors no field shows. */
export function ProblemAlert({ error }: { error: unknown }) {
  const t = useT();
  if (error === null || error === undefined) return null;
  const text = error instanceof ApiProblem ? error.summary(t) : t.errors.unreachable;
  return <Alert severity="error" small className="fr-mb-2w" description={text} role="alert" />;
}

/** For an Input's `state`/`stateRelatedMessage`: the field's error, in the user's language. */
export function fieldState(error: unknown, field: string, t: ReturnType<typeof useT>) {
  const message = error instanceof ApiProblem ? error.fieldMessage(field, t) : undefined;
  return message === undefined ? {} : { state: 'error' as const, stateRelatedMessage: message };
}
