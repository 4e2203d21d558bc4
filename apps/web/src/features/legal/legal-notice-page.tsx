import { DEFAULT_SITE, useSite } from '../../api/site';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

export function LegalNoticePage() {
  const t = useT();
  const site = useSite().data ?? DEFAULT_SITE;
  usePageTitle(t.legal.title);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t.legal.title}</h1>
        <p>{t.legal.publisher(site.operatorName)}</p>
        <p>{t.legal.data}</p>
        <p>{t.legal.cookies}</p>
      </div>
    </div>
  );
}
