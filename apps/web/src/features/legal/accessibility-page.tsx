import { DEFAULT_SITE, useSite } from '../../api/site';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

/** The statement the footer's "Accessibilité : partiellement conforme" links to (RGAA). */
export function AccessibilityPage() {
  const t = useT();
  const site = useSite().data ?? DEFAULT_SITE;
  usePageTitle(t.accessibility.title);
  const a = t.accessibility;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{a.title}</h1>
        <p>{a.intro(site.operatorName)}</p>
        <h2>{a.stateTitle}</h2>
        <p>
          <strong>{a.status}</strong>
        </p>
        <p>{a.state}</p>
        <h2>{a.auditTitle}</h2>
        <p>{a.audit}</p>
        <h2>{a.contactTitle}</h2>
        <p>{a.contact}</p>
        <h2>{a.remedyTitle}</h2>
        <p>{a.remedy}</p>
      </div>
    </div>
  );
}
