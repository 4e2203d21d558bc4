import { Table } from '@codegouvfr/react-dsfr/Table';
import { useT } from '../../i18n/i18n';

/** A declarant's facilities, by FINESS number: what they may declare for. */
export function MyFacilities({ finess }: { finess: string[] }) {
  const t = useT();
  return (
    <section aria-labelledby="mes-etablissements">
      <h2 id="mes-etablissements">{t.facilities.title}</h2>
      {finess.length === 0 ? (
        <p>{t.facilities.none}</p>
      ) : (
        <Table
          caption={t.facilities.title}
          noCaption
          headers={[t.facilities.finess]}
          data={finess.map((number) => [number])}
        />
      )}
    </section>
  );
}
