import { Link } from 'react-router';
import { useLang, useT } from '../../i18n/i18n';
import { formatCount, formatShare } from './report-format';
import { cellAt, type AnnualReport } from './report-model';

interface Figure {
  id: string;
  label: string;
  value: string;
  detail?: string;
  /** The queue, filtered to what the figure counts (as near as its filters go). */
  to: string;
}

/** The report's cards (docs/report.md): the year's figures at a glance, each opening the queue it counts. */
export function KeyFigures({ report, headingLevel = 2 }: { report: AnnualReport; headingLevel?: 2 | 3 }) {
  const t = useT();
  const lang = useLang();
  const k = t.cert.figures;
  const queue = (filters: Record<string, string>) =>
    `/console/declarations?${new URLSearchParams({ year: String(report.year), ...filters })}`;
  const count = (path: string) => formatCount(cellAt(report, path), lang);
  const share = (path: string) => formatShare(cellAt(report, path), lang);
  const figures: Figure[] = [
    {
      id: 'declarations',
      label: k.declarations,
      value: count('declarations.total'),
      detail:
        typeof cellAt(report, 'declarations.evolution') === 'number'
          ? k.evolution(share('declarations.evolution'), count('declarations.previousYearTotal'))
          : k.noPrevious,
      to: queue({}),
    },
    {
      id: 'patientEndangerment',
      label: k.patientEndangerment,
      value: share('shares.patientEndangerment'),
      detail: k.actual(count('patientEndangerment.ACTUAL')),
      to: queue({ patientEndangerment: 'ACTUAL' }),
    },
    {
      id: 'structures',
      label: k.structures,
      value: count('structures.declaring'),
      detail: k.atLeast2(count('structures.withAtLeast2')),
      to: queue({}),
    },
    {
      id: 'malicious',
      label: k.malicious,
      value: share('shares.origin.MALICIOUS'),
      detail: k.ofDeclarations(count('origin.MALICIOUS')),
      to: queue({ origin: 'MALICIOUS' }),
    },
    {
      id: 'support',
      label: k.support,
      value: share('shares.supportRequested'),
      detail: k.ofDeclarations(count('support.requested')),
      to: queue({}),
    },
  ];
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
      {figures.map((figure) => (
        <li key={figure.id} className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
          <div className="fr-tile fr-enlarge-link fr-tile--sm" data-figure={figure.id}>
            <div className="fr-tile__body">
              <div className="fr-tile__content">
                <Heading className="fr-tile__title">
                  <Link to={figure.to}>{figure.label}</Link>
                </Heading>
                <p className="fr-h2 fr-mb-1v" data-value>
                  {figure.value}
                </p>
                {figure.detail && <p className="fr-tile__detail">{figure.detail}</p>}
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
