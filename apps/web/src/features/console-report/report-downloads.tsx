import { useT } from '../../i18n/i18n';
import { FORMATS, type Format } from './report-queries';

const NAMES: Record<Format, string> = { pdf: 'PDF', csv: 'CSV', md: 'Markdown', html: 'HTML', json: 'JSON' };

/**
 * Every format, internal and public: plain links to the API (the session cookie goes with
 * them), so a keyboard, a middle click or "save link as" all work.
 */
export function ReportDownloads({
  id,
  title,
  urlOf,
}: {
  id: string;
  title: string;
  urlOf: (format: Format, isPublic: boolean) => string;
}) {
  const t = useT();
  const r = t.cert.report;
  return (
    <div className="fr-grid-row fr-grid-row--gutters" data-downloads={id}>
      {[false, true].map((isPublic) => (
        <div key={String(isPublic)} className="fr-col-12 fr-col-md-6">
          <p className="fr-text--bold fr-mb-1w" id={`${id}-${isPublic ? 'public' : 'internal'}`}>
            {title} — {isPublic ? r.publicEditionShort : r.internalEdition}
          </p>
          <ul
            className="fr-btns-group fr-btns-group--inline fr-btns-group--sm"
            aria-labelledby={`${id}-${isPublic ? 'public' : 'internal'}`}
          >
            {FORMATS.map((format) => (
              <li key={format}>
                <a
                  className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
                  href={urlOf(format, isPublic)}
                  download
                  data-format={format}
                  data-public={String(isPublic)}
                >
                  {NAMES[format]}
                  <span className="fr-sr-only"> ({isPublic ? r.publicEditionShort : r.internalEdition})</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
