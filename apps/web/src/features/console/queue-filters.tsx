import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import {
  INCIDENT_TYPES,
  PATIENT_ENDANGERMENTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  TYPES_BY_ORIGIN,
} from './console-codes';
import type { FilterKey, QueueState } from './queue-params';

type Draft = Partial<Record<FilterKey, string>>;

/** Every filter of the API, applied by the button (a select that navigates as it changes surprises, RGAA 7.5). */
export function QueueFilters({ state, onApply }: { state: QueueState; onApply: (draft: Draft) => void }) {
  const t = useT();
  const f = t.console.filters;
  const [draft, setDraft] = useState<Draft>(state);
  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  const label = (code: string) => t.console.labels[code] ?? code;
  const types =
    draft.origin === 'MALICIOUS' || draft.origin === 'NON_MALICIOUS'
      ? TYPES_BY_ORIGIN[draft.origin]
      : INCIDENT_TYPES;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const select = (key: FilterKey, text: string, options: readonly { value: string; label: string }[]) => (
    <div className="fr-col-12 fr-col-md-3">
      <Select label={text} nativeSelectProps={{ name: key, value: draft[key] ?? '', onChange: set(key) }}>
        <option value="">{f.any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
  const codes = (list: readonly string[], name = label) =>
    list.map((value) => ({ value, label: name(value) }));
  const year = new Date().getFullYear();
  return (
    <form onSubmit={submit} role="search" aria-label={f.title} className="fr-mb-3w">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={f.q}
            hintText={f.qHint}
            nativeInputProps={{ type: 'search', name: 'q', value: draft.q ?? '', onChange: set('q') }}
          />
        </div>
        {select('assignee', f.assignee, [
          { value: 'me', label: f.assigneeMe },
          { value: 'none', label: f.assigneeNone },
        ])}
        {select(
          'year',
          f.year,
          [year, year - 1, year - 2].map((y) => ({ value: String(y), label: String(y) })),
        )}
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label={f.from}
            nativeInputProps={{ type: 'date', name: 'from', value: draft.from ?? '', onChange: set('from') }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label={f.to}
            nativeInputProps={{ type: 'date', name: 'to', value: draft.to ?? '', onChange: set('to') }}
          />
        </div>
        {select(
          'region',
          f.region,
          codes(REGION_CODES, (code) => t.console.regions[code] ?? code),
        )}
        {select('structureType', f.structureType, codes(STRUCTURE_TYPES))}
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label={f.finess}
            hintText={f.finessHint}
            nativeInputProps={{
              name: 'finess',
              value: draft.finess ?? '',
              onChange: set('finess'),
              inputMode: 'numeric',
            }}
          />
        </div>
        {select('origin', f.origin, codes(SUSPECTED_ORIGINS))}
        {select('type', f.type, codes(types))}
        {select(
          'patientEndangerment',
          f.patientEndangerment,
          codes(PATIENT_ENDANGERMENTS, (code) => t.declarations.values[code] ?? code),
        )}
      </div>
      <div className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <Button type="submit">{f.apply}</Button>
        <Button
          type="button"
          priority="secondary"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          {f.reset}
        </Button>
      </div>
    </form>
  );
}
