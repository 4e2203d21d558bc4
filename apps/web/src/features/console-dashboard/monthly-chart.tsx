import { useLang, useT } from '../../i18n/i18n';
import { ColumnChart, type ChartValue } from '../../ui/bar-chart';
import { cellAt, type AnnualReport } from '../console-report/report-model';
import { ScrollTable } from '../../ui/scroll-table';

/**
 * The twelve months to this one, from this year's and last year's `byMonth` (Europe/Paris
 * months of submission, the report's own counting): issue 14 asks for weeks, which no API
 * counts yet (docs/web.md says why months).
 */
export function MonthlyChart({ current, previous }: { current: AnnualReport; previous: AnnualReport }) {
  const t = useT();
  const lang = useLang();
  const now = new Date();
  const months = Array.from({ length: 12 }, (_, index) => {
    const at = new Date(now.getFullYear(), now.getMonth() - 11 + index, 1);
    const report = at.getFullYear() === current.year ? current : previous;
    const key = String(at.getMonth() + 1).padStart(2, '0');
    const value = (cellAt(report, `byMonth.${key}`) ?? null) as ChartValue;
    const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
    return {
      label: at.toLocaleString(locale, { month: 'long', year: 'numeric' }),
      short: at.toLocaleString(locale, { month: 'short' }).replace('.', ''),
      value,
    };
  });
  const d = t.cert.dashboard;
  return (
    <>
      <ColumnChart title={d.monthly} points={months} />
      <details>
        <summary>{d.monthlyData}</summary>
        <ScrollTable
          label={d.monthly}
          noCaption
          bordered
          headers={[d.month, d.count]}
          data={months.map((month) => [month.label, String(month.value ?? '—')])}
        />
      </details>
    </>
  );
}
