import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import type { ListFilters } from './declaration-queries';
import { DECLARATION_STATUSES } from './declaration-types';

interface Props {
  filters: ListFilters;
  facilities: { finess: string; name?: string }[];
  onApply: (filters: ListFilters) => void;
}

/**
 * The filters, applied by the button (not on each change: a select that navigates as it changes
 * surprises keyboard and screen-reader users, RGAA 7.5). The page keeps them in the URL.
 */
export function DeclarationFilters({ filters, facilities, onApply }: Props) {
  const t = useT();
  const [finess, setFiness] = useState(filters.finess ?? '');
  const [status, setStatus] = useState(filters.status ?? '');
  const [q, setQ] = useState(filters.q ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      finess: finess || undefined,
      status: DECLARATION_STATUSES.find((code) => code === status),
      q: q.trim() || undefined,
    });
  };
  const reset = () => {
    setFiness('');
    setStatus('');
    setQ('');
    onApply({});
  };
  return (
    <form onSubmit={submit} role="search" aria-label={t.declarations.filters} className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t.declarations.facility}
            nativeSelectProps={{
              name: 'etablissement',
              value: finess,
              onChange: (e) => setFiness(e.target.value),
            }}
          >
            <option value="">{t.declarations.allFacilities}</option>
            {facilities.map((facility) => (
              <option key={facility.finess} value={facility.finess}>
                {facility.name ? `${facility.name} (${facility.finess})` : facility.finess}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label={t.declarations.status}
            nativeSelectProps={{ name: 'statut', value: status, onChange: (e) => setStatus(e.target.value) }}
          >
            <option value="">{t.declarations.allStatuses}</option>
            {DECLARATION_STATUSES.map((code) => (
              <option key={code} value={code}>
                {t.declarations.statuses[code]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label={t.declarations.searchLabel}
            hintText={t.declarations.searchHint}
            nativeInputProps={{ type: 'search', name: 'q', value: q, onChange: (e) => setQ(e.target.value) }}
          />
        </div>
      </div>
      <div className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <Button type="submit">{t.declarations.apply}</Button>
        <Button type="button" priority="secondary" onClick={reset}>
          {t.declarations.reset}
        </Button>
      </div>
    </form>
  );
}
