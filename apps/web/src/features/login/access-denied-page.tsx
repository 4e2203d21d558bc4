import { Button } from '@codegouvfr/react-dsfr/Button';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

/** Where the callback sends someone the provider knows and Vigie does not (yet). */
export function AccessDeniedPage() {
  const t = useT();
  usePageTitle(t.denied.title);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t.denied.title}</h1>
        <p className="fr-text--lead">{t.denied.lead}</p>
        <p>{t.denied.tellThem}</p>
        <ul>
          {t.denied.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <Button priority="secondary" linkProps={{ to: '/' }}>
          {t.denied.back}
        </Button>
      </div>
    </div>
  );
}
