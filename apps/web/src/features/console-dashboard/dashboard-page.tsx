import { Link } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { ConsoleOnly } from '../console/console-access';
import { KeyFigures } from '../console-report/key-figures';
import { ConsoleNav } from './console-nav';
import {
  useDashboardReports,
  useOpenEndangered,
  useOverdueClocks,
  useWeeklyCounts,
} from './dashboard-queries';
import { WeeklyChart } from './weekly-chart';

function Alarm({
  id,
  label,
  value,
  detail,
  to,
}: {
  id: string;
  label: string;
  value: string;
  detail: string;
  to: string;
}) {
  return (
    <div className="fr-col-12 fr-col-md-6">
      <div className="fr-tile fr-enlarge-link fr-tile--horizontal" data-alarm={id}>
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <h3 className="fr-tile__title">
              <Link to={to}>{label}</Link>
            </h3>
            <p className="fr-h2 fr-mb-1v" data-value>
              {value}
            </p>
            <p className="fr-tile__detail">{detail}</p>
          </div>
        </div>
      </div>
    </div>
  );
}

function Dashboard() {
  const t = useT();
  const lang = useLang();
  const d = t.cert.dashboard;
  usePageTitle(d.title);
  const year = new Date().getFullYear();
  const reports = useDashboardReports(year);
  const weekly = useWeeklyCounts();
  const endangered = useOpenEndangered();
  const overdue = useOverdueClocks();
  return (
    <>
      <h1>{d.title}</h1>
      <ConsoleNav />
      <section aria-labelledby="a-traiter" className="fr-mb-6w">
        <h2 id="a-traiter">{d.now}</h2>
        <ProblemAlert error={endangered.error ?? overdue.error} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <Alarm
            id="endangered"
            label={d.endangered}
            value={endangered.data ? String(endangered.data.open) : '…'}
            detail={
              endangered.data
                ? d.endangeredDetail(
                    endangered.data.SUBMITTED,
                    endangered.data.COMPLEMENT_REQUESTED,
                    endangered.data.QUALIFIED,
                  )
                : t.layout.loading
            }
            to="/console/declarations?patientEndangerment=ACTUAL"
          />
          <Alarm
            id="overdue"
            label={d.overdue}
            value={overdue.data ? `${overdue.data.count}${overdue.data.more ? '+' : ''}` : '…'}
            detail={d.overdueDetail}
            to="/console/deadlines"
          />
        </div>
      </section>
      <section aria-labelledby="annee" className="fr-mb-6w">
        <h2 id="annee">{d.year(year)}</h2>
        <ProblemAlert error={reports.error} />
        {reports.data && (
          <>
            <p className="fr-text--sm">{d.asOf(formatDate(reports.data.current.asOf, lang))}</p>
            <KeyFigures report={reports.data.current} headingLevel={3} />
            <p>
              <Link to={`/console/rapport/${year}`}>{d.fullReport(year)}</Link>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="par-semaine">
        <h2 id="par-semaine">{d.weekly}</h2>
        <ProblemAlert error={weekly.error} />
        {weekly.data && <WeeklyChart weeks={weekly.data} />}
      </section>
    </>
  );
}

/** `/console`: what needs the CERT now (endangered patients, overdue clocks) and the year's figures, live. */
export function DashboardPage() {
  return (
    <ConsoleOnly>
      <Dashboard />
    </ConsoleOnly>
  );
}
