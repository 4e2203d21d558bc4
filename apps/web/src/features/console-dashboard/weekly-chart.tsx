import { useLang, useT } from '../../i18n/i18n';
import { ColumnChart } from '../../ui/bar-chart';
import { ScrollTable } from '../../ui/scroll-table';

/** The 52 weeks to this one (Monday to Sunday, Europe/Paris), as the API counts submissions. */
export function WeeklyChart({ weeks }: { weeks: { weekStart: string; count: number }[] }) {
  const t = useT();
  const lang = useLang();
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  // A Monday's date, read as a calendar day (no zone can move it).
  const day = (weekStart: string, options: Intl.DateTimeFormatOptions) =>
    new Date(`${weekStart}T12:00:00Z`).toLocaleDateString(locale, { ...options, timeZone: 'UTC' });
  const points = weeks.map((week, index) => ({
    label: d(t).week(day(week.weekStart, { day: 'numeric', month: 'long', year: 'numeric' })),
    // 52 columns: a date under one in four, the table says every one.
    short: index % 4 === 0 ? day(week.weekStart, { day: '2-digit', month: '2-digit' }) : '',
    value: week.count,
  }));
  return (
    <>
      <ColumnChart title={d(t).weekly} points={points} />
      <details>
        <summary>{d(t).weeklyData}</summary>
        <ScrollTable
          label={d(t).weekly}
          noCaption
          bordered
          headers={[d(t).weekHeader, d(t).count]}
          data={points.map((point) => [point.label, String(point.value)])}
        />
      </details>
    </>
  );
}

const d = (t: ReturnType<typeof useT>) => t.cert.dashboard;
