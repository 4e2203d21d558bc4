import type { Lang } from '@vigie/domain';
import type { AnyReport } from '../public-mask';
import { reportCharts, type Chart } from './chart-specs';
import { renderChartsSvg } from './render-charts';

export interface RenderedChart extends Chart {
  svg: string;
}

/** The report's charts as SVG documents, rendered in one go. */
export async function renderReportCharts(report: AnyReport, lang: Lang): Promise<RenderedChart[]> {
  const charts = reportCharts(report, lang);
  const svgs = await renderChartsSvg(charts.map((chart) => chart.spec));
  return charts.map((chart, i) => ({ ...chart, svg: svgs[i] }));
}
