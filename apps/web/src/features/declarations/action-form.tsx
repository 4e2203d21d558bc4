import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { commandSummary } from './declaration-command';

interface Props {
  /** The fields the form shows: their errors sit next to them, the rest goes to the alert. */
  fields: readonly string[];
  error: unknown;
  pending: boolean;
  onSubmit: () => void;
  submitLabel?: string;
  children: ReactNode;
}

/** The frame of every action of the declaration's page: the fields, what went wrong, the send button. */
/** Success is told once, by the page (a form may unmount once its action is done, e.g. the complement's). */
export function ActionForm({ fields, error, pending, onSubmit, submitLabel, children }: Props) {
  const t = useT();
  const summary = commandSummary(error, fields, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      {summary !== null && (
        <Alert severity="error" small className="fr-mb-2w" description={summary} role="alert" />
      )}
      {children}
      <Button type="submit" disabled={pending}>
        {submitLabel ?? t.declarations.forms.send}
      </Button>
    </form>
  );
}
