import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { displayReference, type DeclarationListItem } from '../declarations/declaration-types';
import { assigneeOf, useAssigneeOptions } from './assign-to-form';
import { QUEUE } from './console-queries';

interface Outcome {
  assigned: number;
  /** Changed since the queue was read (412): the analyst decides again, on what it is now. */
  changed: string[];
  refused: string[];
}

/**
 * One assignment per selected declaration, each on the revision the queue showed: a declaration
 * someone changed meanwhile is left as it is and named, rather than overwritten unseen.
 */
async function assignEach(
  selected: readonly DeclarationListItem[],
  assignee: string | null,
): Promise<Outcome> {
  const outcome: Outcome = { assigned: 0, changed: [], refused: [] };
  for (const item of selected) {
    const { response } = await api.POST('/api/v1/declarations/{id}/assignment', {
      params: { path: { id: item.id } },
      body: { assignee },
      headers: { 'If-Match': `"${item.revision}"`, 'Idempotency-Key': crypto.randomUUID() },
    });
    if (response.ok) outcome.assigned += 1;
    else if (response.status === 412) outcome.changed.push(displayReference(item));
    else outcome.refused.push(displayReference(item));
  }
  return outcome;
}

interface Props {
  selected: readonly DeclarationListItem[];
  meSub: string;
  onClear: () => void;
}

/** Above the queue: assign (or unassign) every selected declaration at once. */
export function QueueBulkActions({ selected, meSub, onClear }: Props) {
  const t = useT();
  const b = t.console.bulk;
  const queryClient = useQueryClient();
  const options = useAssigneeOptions(meSub);
  const [choice, setChoice] = useState(meSub);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    try {
      const done = await assignEach(selected, assigneeOf(choice));
      setOutcome(done);
      if (done.changed.length === 0 && done.refused.length === 0) onClear();
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: QUEUE });
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="fr-mb-2w" aria-labelledby="bulk-legend">
      <fieldset className="fr-fieldset fr-mb-0">
        <legend id="bulk-legend" className="fr-fieldset__legend fr-text--md">
          {b.legend} — <span role="status">{b.selected(selected.length)}</span>
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Select
            label={b.assignTo}
            nativeSelectProps={{
              name: 'bulk-assignee',
              value: choice,
              onChange: (e) => setChoice(e.target.value),
            }}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Button type="submit" disabled={pending || selected.length === 0}>
            {b.apply}
          </Button>{' '}
          <Button type="button" priority="tertiary" disabled={selected.length === 0} onClick={onClear}>
            {b.clear}
          </Button>
        </div>
      </fieldset>
      {outcome !== null && (
        <div role="alert">
          {outcome.assigned > 0 && (
            <Alert severity="success" small description={b.done(outcome.assigned)} className="fr-mb-1w" />
          )}
          {outcome.changed.length > 0 && (
            <Alert
              severity="warning"
              small
              description={b.changed(outcome.changed.join(', '))}
              className="fr-mb-1w"
            />
          )}
          {outcome.refused.length > 0 && (
            <Alert severity="error" small description={b.failed(outcome.refused.join(', '))} />
          )}
        </div>
      )}
    </form>
  );
}
