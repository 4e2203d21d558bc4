import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { ConsoleOnly } from '../console/console-access';
import { ConsoleNav } from '../console-dashboard/console-nav';
import { Editions } from './editions';
import { KeyFigures } from './key-figures';
import { ReportControls } from './report-controls';
import { ReportDownloads } from './report-downloads';
import { asOfInstant, paramsOf, searchOf, type ReportParams } from './report-params';
import { reportUrl, useAnnualReport, usePublications } from './report-queries';
import { ReportTables } from './report-tables';
import { RestatementsPanel } from './restatements';

const YEAR = /^\d{4}$/;

function Report() {
  const t = useT();
  const lang = useLang();
  const r = t.cert.report;
  const navigate = useNavigate();
  const { year: yearParam = '' } = useParams();
  const year = YEAR.test(yearParam) ? Number(yearParam) : new Date().getFullYear();
  const [search, setSearch] = useSearchParams();
  const params = paramsOf(search);
  const view = { year, asOf: asOfInstant(params.asOfDay), public: params.public };
  const report = useAnnualReport(view);
  const editions = usePublications(year);
  usePageTitle(r.title(year));
  const change = (next: ReportParams) => setSearch(searchOf(next));
  return (
    <>
      <h1>{r.title(year)}</h1>
      <ConsoleNav />
      <Tabs
        label={r.tabs}
        selectedTabId={params.tab}
        onTabChange={(tab) => change({ ...params, tab: tab === 'editions' ? 'editions' : 'rapport' })}
        tabs={[
          { tabId: 'rapport', label: r.reportTab, iconId: 'fr-icon-table-line' },
          { tabId: 'editions', label: r.editionsTab, iconId: 'fr-icon-git-merge-line' },
        ]}
      >
        {params.tab === 'rapport' ? (
          <>
            <ReportControls
              key={`${year}-${params.asOfDay ?? ''}`}
              year={year}
              params={params}
              onYear={(next) =>
                navigate(
                  `/console/rapport/${next}?${searchOf({ ...params, from: undefined, to: undefined })}`,
                )
              }
              onChange={change}
            />
            <ProblemAlert error={report.error} />
            {report.data && (
              <>
                <p className="fr-text--lead" data-testid="report-stands-at">
                  {view.asOf
                    ? r.standsAtDay(formatDate(report.data.asOf, lang))
                    : r.standsNow(formatDate(report.data.asOf, lang))}
                  {report.data.public ? ` ${r.maskedNote}` : ''}
                </p>
                <section aria-labelledby="chiffres-cles">
                  <h2 id="chiffres-cles">{r.keyFigures}</h2>
                  <KeyFigures report={report.data} headingLevel={3} />
                </section>
                <section aria-labelledby="telechargements" className="fr-mb-6w">
                  <h2 id="telechargements">{r.downloads}</h2>
                  <ReportDownloads
                    id="rapport"
                    title={view.asOf ? r.reportAt(formatDate(report.data.asOf, lang)) : r.reportNow}
                    urlOf={(format, isPublic) => reportUrl({ ...view, public: isPublic }, format, lang)}
                  />
                </section>
                <section aria-labelledby="tableaux">
                  <h2 id="tableaux">{r.tables}</h2>
                  <ReportTables report={report.data} />
                </section>
              </>
            )}
          </>
        ) : (
          <>
            <section aria-labelledby="editions">
              <h2 id="editions">{r.editionsTitle}</h2>
              <ProblemAlert error={editions.error} />
              {editions.data && <Editions year={year} editions={editions.data} />}
            </section>
            <section aria-labelledby="retraitements" className="fr-mt-6w">
              <h2 id="retraitements">{t.cert.restatements.title}</h2>
              <p>{t.cert.restatements.lead}</p>
              {editions.data && (
                <RestatementsPanel
                  key={`${year}-${params.from ?? ''}-${params.to ?? ''}`}
                  year={year}
                  editions={editions.data}
                  from={params.from}
                  to={params.to}
                  onCompare={(from, to) => change({ ...params, from, to })}
                />
              )}
            </section>
          </>
        )}
      </Tabs>
    </>
  );
}

/** `/console/rapport/:year`: the yearly report as it stands (or stood), its editions and their restatements. */
export function ReportPage() {
  return (
    <ConsoleOnly>
      <Report />
    </ConsoleOnly>
  );
}
