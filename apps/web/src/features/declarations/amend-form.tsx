import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problem-alert';
import { ActionForm } from './action-form';
import { AmendConflict, type Conflict } from './amend-conflict';
import { loadConflict } from './load-conflict';
import { AMENDED_FIELDS, changesOf, valuesOf, type AmendValues } from './amend-values';
import { commandFieldState, useDeclarationCommand } from './declaration-command';
import type { AmendBody, CommandResult, DeclarationView } from './declaration-types';

const IMPACTS = ['NONE', 'DEGRADED', 'INTERRUPTION'] as const;
const ENDANGERMENTS = ['NONE', 'POTENTIAL', 'ACTUAL'] as const;
const HANDLING_STATES = ['IN_PROGRESS', 'CONTAINED', 'RESOLVED', 'UNKNOWN'] as const;
const MAX_AUTOMATIC = 3;

interface Props {
  declaration: DeclarationView;
  meId?: string;
  onDone: (result: CommandResult) => void;
  /** Someone changed the declaration first: the page re-reads it. */
  onConflict: () => void;
}

/**
 * `POST …/amendments` with `If-Match: "<the revision the form was opened on>"`. A 412 keeps what
 * the user typed, shows what changed meanwhile and lets them apply it again on the new revision.
 */
export function AmendForm({ declaration, meId, onDone, onConflict }: Props) {
  const t = useT();
  // What the user saw when the form opened: later re-reads of the page do not move it under them.
  const [seen, setSeen] = useState(() => ({ revision: declaration.revision, values: valuesOf(declaration) }));
  const [input, setInput] = useState<AmendValues>(seen.values);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [nothing, setNothing] = useState(false);
  const [conflictError, setConflictError] = useState<unknown>(null);
  // The page re-read the declaration (after another of my actions, say): with nothing typed, the
  // form follows it, so that my own answer to a complement does not make my next amendment a 412.
  // With something typed it stays on what the user saw: a change under them is for If-Match to catch.
  const untouched = Object.keys(changesOf(seen.values, input)).length === 0;
  useEffect(() => {
    if (!untouched || conflict !== null || declaration.revision === seen.revision) return;
    const values = valuesOf(declaration);
    setSeen({ revision: declaration.revision, values });
    setInput(values);
  }, [declaration, untouched, conflict, seen.revision]);
  const command = useDeclarationCommand(
    (body: AmendBody, headers) =>
      api.POST('/api/v1/declarations/{id}/amendments', {
        params: { path: { id: declaration.id } },
        body,
        headers,
      }),
    (result) => {
      setConflict(null);
      setSeen({ revision: result.revision, values: input });
      onDone(result);
    },
  );
  // In a row, without the user: a mailer that keeps recording must not loop the form.
  const automatic = useRef(0);
  const send = (revision: number, body: AmendBody = changesOf(seen.values, input)) => {
    setNothing(Object.keys(body).length === 0);
    if (Object.keys(body).length === 0) return;
    command.mutate(
      { body, ifMatch: revision },
      {
        onError: (error) => {
          if (!(error instanceof ApiProblem && error.status === 412)) return;
          onConflict();
          setConflictError(null);
          loadConflict(declaration.id, seen.revision, body, seen.values).then((found) => {
            // Only Vigie wrote meanwhile (a mail to the facility recorded, a delivery), or the CERT
            // assigned it: nothing the user could see moved, so nothing to show or to overwrite.
            if (found.byVigieOnly && automatic.current < MAX_AUTOMATIC) {
              automatic.current += 1;
              send(found.revision, body);
            } else setConflict(found);
          }, setConflictError);
        },
      },
    );
  };
  const submit = (revision: number) => {
    automatic.current = 0;
    send(revision);
  };
  const discard = () => {
    if (conflict === null) return;
    setSeen({ revision: conflict.revision, values: conflict.now });
    setInput(conflict.now);
    setConflict(null);
    command.reset();
  };
  const set = <K extends keyof AmendValues>(field: K, value: AmendValues[K]) =>
    setInput((previous) => ({ ...previous, [field]: value }));
  const stale = command.error instanceof ApiProblem && command.error.status === 412;
  return (
    <>
      {conflict !== null && (
        <AmendConflict
          conflict={conflict}
          meId={meId}
          pending={command.isPending}
          onReapply={() => submit(conflict.revision)}
          onDiscard={discard}
        />
      )}
      <ProblemAlert error={conflictError} />
      {nothing && (
        <Alert severity="info" small className="fr-mb-2w" description={t.declarations.forms.amendNothing} />
      )}
      <p className="fr-text--sm">{t.declarations.forms.amendHint}</p>
      <ActionForm
        fields={AMENDED_FIELDS}
        // The 412 has its own panel above.
        error={stale ? null : command.error}
        pending={command.isPending || (stale && conflict === null)}
        submitLabel={conflict === null ? undefined : t.declarations.conflict.reapply}
        onSubmit={() => submit(conflict?.revision ?? seen.revision)}
      >
        <Input
          textArea
          label={t.declarations.page.description}
          nativeTextAreaProps={{
            name: 'description',
            rows: 5,
            value: input.description,
            onChange: (e) => set('description', e.target.value),
          }}
          {...commandFieldState(command.error, 'description', t)}
        />
        <Input
          textArea
          label={t.declarations.page.measuresTaken}
          nativeTextAreaProps={{
            name: 'measuresTaken',
            rows: 3,
            value: input.measuresTaken,
            onChange: (e) => set('measuresTaken', e.target.value),
          }}
          {...commandFieldState(command.error, 'measuresTaken', t)}
        />
        <Select
          label={t.declarations.fields.handlingState}
          nativeSelectProps={{
            name: 'handlingState',
            value: input.handlingState,
            onChange: (e) => set('handlingState', e.target.value as AmendValues['handlingState']),
          }}
          {...commandFieldState(command.error, 'handlingState', t)}
        >
          {HANDLING_STATES.map((code) => (
            <option key={code} value={code}>
              {t.declarations.values[code]}
            </option>
          ))}
        </Select>
        <Select
          label={t.declarations.page.operationalImpact}
          nativeSelectProps={{
            name: 'operationalImpact',
            value: input.operationalImpact,
            onChange: (e) => set('operationalImpact', e.target.value as AmendValues['operationalImpact']),
          }}
          {...commandFieldState(command.error, 'operationalImpact', t)}
        >
          {IMPACTS.map((code) => (
            <option key={code} value={code}>
              {t.declarations.values[code]}
            </option>
          ))}
        </Select>
        <Select
          label={t.declarations.page.patientEndangerment}
          nativeSelectProps={{
            name: 'patientEndangerment',
            value: input.patientEndangerment,
            onChange: (e) => set('patientEndangerment', e.target.value as AmendValues['patientEndangerment']),
          }}
          {...commandFieldState(command.error, 'patientEndangerment', t)}
        >
          {ENDANGERMENTS.map((code) => (
            <option key={code} value={code}>
              {t.declarations.values[code]}
            </option>
          ))}
        </Select>
      </ActionForm>
    </>
  );
}
