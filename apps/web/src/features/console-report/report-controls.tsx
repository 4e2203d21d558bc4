import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { paramsOf, type ReportParams } from './report-params';

/** The first year the service counts; the picker offers every one since, to this one. */
const FIRST_YEAR = 2017;

interface Props {
  year: number;
  params: ReportParams;
  onYear: (year: number) => void;
  onChange: (params: ReportParams) => void;
}

/** The year, the day the report stood at, and the public edition: each changes the URL. */
export function ReportControls({ year, params, onYear, onChange }: Props) {
  const t = useT();
  const r = t.cert.report;
  const [day, setDay] = useState(params.asOfDay ?? '');
  // The toggle reads the URL as it is at the click: a navigation just made (back to now) may not
  // have rendered yet, and its old day would come back with the public edition.
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, index) => thisYear - index);
  const today = new Date().toLocaleDateString('sv-SE');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...params, asOfDay: day === '' ? undefined : day });
  };
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
      <div className="fr-col-12 fr-col-md-3">
        <Select
          label={r.year}
          nativeSelectProps={{
            value: String(year),
            name: 'year',
            onChange: (event) => onYear(Number(event.target.value)),
          }}
        >
          {years.map((value) => (
            <option key={value} value={String(value)}>
              {value}
            </option>
          ))}
        </Select>
      </div>
      <form className="fr-col-12 fr-col-md-5" onSubmit={submit} aria-label={r.asOfForm}>
        <Input
          label={r.asOf}
          hintText={r.asOfHint}
          nativeInputProps={{
            type: 'date',
            name: 'asOf',
            value: day,
            max: today,
            onChange: (event) => setDay(event.target.value),
          }}
        />
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <button type="submit" className="fr-btn fr-btn--sm">
              {r.applyAsOf}
            </button>
          </li>
          {params.asOfDay && (
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--secondary"
                onClick={() => {
                  setDay('');
                  onChange({ ...params, asOfDay: undefined });
                }}
              >
                {r.now}
              </button>
            </li>
          )}
        </ul>
      </form>
      <div className="fr-col-12 fr-col-md-4">
        <ToggleSwitch
          label={r.publicEdition}
          helperText={r.publicHint}
          checked={params.public}
          showCheckedHint={false}
          onChange={(checked) =>
            onChange({ ...paramsOf(new URLSearchParams(window.location.search)), public: checked })
          }
        />
      </div>
    </div>
  );
}
