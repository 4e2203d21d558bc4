import { Button } from '@codegouvfr/react-dsfr/Button';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t.notFound.title);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <p className="fr-text--sm fr-mb-3v">Erreur 404</p>
        <h1>{t.notFound.title}</h1>
        <p className="fr-text--lead">{t.notFound.lead}</p>
        <p>{t.notFound.text}</p>
        <Button linkProps={{ to: '/' }}>{t.notFound.home}</Button>
      </div>
    </div>
  );
}
