import { Table } from '@codegouvfr/react-dsfr/Table';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';

/**
 * The facilities' names as the declarant's latest declarations give them (Vigie keeps no register
 * of facilities): FINESS → name, for those that declared something.
 */
function useFacilityNames(finess: string[]) {
  return useQuery({
    queryKey: ['declarations', 'facility-names', finess],
    enabled: finess.length > 0,
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/declarations', {
          params: { query: { finess: finess.join(','), limit: '200' } },
        }),
      );
      const names = new Map<string, string>();
      for (const item of page.items) if (!names.has(item.finess)) names.set(item.finess, item.structureName);
      return names;
    },
  });
}

/** A declarant's facilities, by FINESS number (and name when known): what they may declare for. */
export function MyFacilities({ finess }: { finess: string[] }) {
  const t = useT();
  const names = useFacilityNames(finess).data;
  return (
    <section aria-labelledby="mes-etablissements">
      <h2 id="mes-etablissements">{t.facilities.title}</h2>
      {finess.length === 0 ? (
        <p>{t.facilities.none}</p>
      ) : (
        <Table
          caption={t.facilities.title}
          noCaption
          headers={[t.facilities.finess, t.facilities.name]}
          data={finess.map((number) => [number, names?.get(number) ?? t.facilities.unknownName])}
        />
      )}
    </section>
  );
}
