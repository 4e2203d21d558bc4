import { labelOf, type Lang } from '@vigie/domain';
import type { Masked } from '../annual-report';
import { REPORT_TABLES, tableAt, type ChartId, type TableEntry } from '../report-tables-catalog';
import { tableTitle } from './report-tables';
import type { AnyReport } from '../public-mask';
import { monthAbbreviation, text } from './report-text';

/** A Vega-Lite spec, as plain JSON: it crosses a process boundary to be rendered (see render-charts.ts). */
export type ChartSpec = Record<string, unknown>;

export interface Chart {
  id: ChartId;
  title: string;
  spec: ChartSpec;
}

export const BLUE = '#000091';
export const RED = '#e1000f';
const GREY = '#929292';
/** Plot widths in points: on A4 the bar charts' labels take about 190 pt beside the plot. */
const WIDTH = 470;
const BAR_WIDTH = 280;
const FONT = 'Helvetica';
/** 0: no limit. Vega would cut a long French label with an ellipsis; the report never cuts one (docs/report.md). */
const LABEL_AXIS = { labelLimit: 0 };

const base = (title: string, width = BAR_WIDTH): ChartSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: title, anchor: 'start', fontSize: 13, font: FONT, color: '#161616' },
  width,
  background: 'white',
  config: {
    font: FONT,
    view: { stroke: null },
    axis: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: 10,
      titleFontSize: 10,
      gridColor: '#e5e5e5',
      domainColor: '#929292',
    },
    legend: { labelFont: FONT, titleFont: FONT, labelFontSize: 10, orient: 'bottom' },
  },
});

/** Bars longest first; sorted here because vega-lite's sort by field does not hold across a layered chart. */
const byCountDescending = <T extends { count: number | null; label: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.label.localeCompare(b.label));

/** Masked cells ("<5") are left out of a chart rather than drawn at a made-up height. */
const plotted = (count: number | Masked): number | null => (typeof count === 'number' ? count : null);

export function reportCharts(report: AnyReport, lang: Lang): Chart[] {
  const countTitle = text('count', lang);
  const months = Object.entries(report.byMonth).map(([month, count]) => ({
    label: monthAbbreviation(month, lang),
    order: Number(month),
    count: plotted(count),
  }));
  const regions = byCountDescending(
    Object.entries(report.byRegion).map(([code, count]) => ({
      label: labelOf('region', code, lang),
      count: plotted(count),
    })),
  );
  // The catalog says which tables each chart draws (report-tables-catalog.ts).
  const drawn = (chart: ChartId) =>
    (REPORT_TABLES as readonly TableEntry[]).filter((entry) => entry.chart === chart);
  const rowsOf = (entry: TableEntry) =>
    Object.entries(tableAt<number | Masked>(report, entry.id) ?? {}).map(([code, count]) => ({
      label: entry.labels === 'text' || entry.labels === 'month' ? code : labelOf(entry.labels, code, lang),
      count,
    }));
  // Each typology is of one origin: the cell it adds up to names it.
  const originOf = (entry: TableEntry): string => labelOf('origin', entry.sumsTo!.split('/')[1], lang);
  const originEntries = drawn('origin');
  const types = byCountDescending(
    originEntries.flatMap((entry) =>
      rowsOf(entry)
        .filter(({ count }) => count !== 0)
        .map(({ label, count }) => ({ label, origin: originOf(entry), count: plotted(count) })),
    ),
  );
  const origins = originEntries.map(originOf);
  const impactEntries = drawn('impacts');
  const impactGroups = impactEntries.map((entry) => tableTitle(entry.id, lang));
  const impacts = impactEntries.flatMap((entry) =>
    rowsOf(entry).map(({ label, count }) => ({
      group: tableTitle(entry.id, lang),
      label,
      count: plotted(count),
    })),
  );
  const barLabels = {
    mark: { type: 'text', align: 'left', dx: 3, fontSize: 9, font: FONT, color: '#3a3a3a' },
    encoding: { text: { field: 'count', type: 'quantitative' } },
  };

  return [
    {
      id: 'byMonth',
      title: text('chart.byMonth', lang),
      spec: {
        ...base(text('chart.byMonth', lang), WIDTH),
        height: 160,
        data: { values: months },
        encoding: {
          x: {
            field: 'label',
            type: 'ordinal',
            sort: { field: 'order' },
            title: null,
            axis: { labelAngle: 0 },
          },
          y: { field: 'count', type: 'quantitative', title: countTitle },
        },
        layer: [
          { mark: { type: 'bar', color: BLUE, cornerRadiusEnd: 2 } },
          {
            mark: { type: 'text', dy: -6, fontSize: 9, font: FONT, color: '#3a3a3a' },
            encoding: { text: { field: 'count', type: 'quantitative' } },
          },
        ],
      },
    },
    {
      id: 'byRegion',
      title: text('chart.byRegion', lang),
      spec: {
        ...base(text('chart.byRegion', lang)),
        height: { step: 13 },
        data: { values: regions },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: null, axis: LABEL_AXIS },
          x: { field: 'count', type: 'quantitative', title: countTitle },
        },
        layer: [{ mark: { type: 'bar', color: BLUE, cornerRadiusEnd: 2 } }, barLabels],
      },
    },
    {
      id: 'origin',
      title: text('chart.origin', lang),
      spec: {
        ...base(text('chart.origin', lang)),
        height: { step: 14 },
        data: { values: types },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: null, axis: LABEL_AXIS },
          x: { field: 'count', type: 'quantitative', title: countTitle },
          color: {
            field: 'origin',
            type: 'nominal',
            title: null,
            scale: { domain: origins, range: [RED, BLUE] },
            legend: { labelLimit: 0 },
          },
        },
        layer: [{ mark: { type: 'bar', cornerRadiusEnd: 2 } }, barLabels],
      },
    },
    {
      id: 'impacts',
      title: text('chart.impacts', lang),
      spec: {
        ...base(text('chart.impacts', lang)),
        height: { step: 14 },
        data: { values: impacts },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: null, axis: LABEL_AXIS },
          x: { field: 'count', type: 'quantitative', title: countTitle },
          color: {
            field: 'group',
            type: 'nominal',
            title: null,
            scale: { domain: impactGroups, range: [BLUE, GREY, RED] },
            legend: { columns: 1, labelLimit: 0 },
          },
        },
        layer: [{ mark: { type: 'bar', cornerRadiusEnd: 2 } }, barLabels],
      },
    },
  ];
}
