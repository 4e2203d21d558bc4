import type { Lang } from '@vigie/domain';
import type { AnnualReport } from '../annual-report';
import { maskReport, type AnyReport, type PublicReport } from '../public-mask';
import { renderOpenDataCsv, renderOpenDataJson } from './render-open-data';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';

/** `opendata-*`: the public edition as open data (docs/open-data.md), whatever `public` says. */
export const REPORT_FORMATS = ['json', 'csv', 'md', 'html', 'pdf', 'opendata-csv', 'opendata-json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  extension: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  'opendata-csv': 'text/csv; charset=utf-8',
  'opendata-json': 'application/json; charset=utf-8',
};

const EXTENSIONS: Record<ReportFormat, string> = {
  json: 'json',
  csv: 'csv',
  md: 'md',
  html: 'html',
  pdf: 'pdf',
  'opendata-csv': 'opendata.csv',
  'opendata-json': 'opendata.json',
};

export const isOpenDataFormat = (format: ReportFormat): boolean => format.startsWith('opendata-');

/** One entry point for the HTTP API and the CLI: the same report in any format, masked when public. */
export async function renderReport(
  report: AnnualReport,
  options: { format: ReportFormat; lang?: Lang; public?: boolean },
): Promise<RenderedReport> {
  const lang = options.lang ?? 'fr';
  const shown: AnyReport = options.public || isOpenDataFormat(options.format) ? maskReport(report) : report;
  const body = await renderBody(shown, options.format, lang);
  return {
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    contentType: CONTENT_TYPES[options.format],
    extension: EXTENSIONS[options.format],
  };
}

function renderBody(report: AnyReport, format: ReportFormat, lang: Lang): string | Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report);
    case 'md':
      return renderMarkdown(report, { lang });
    case 'html':
      return renderHtml(report, { lang });
    case 'pdf':
      return renderPdf(report, { lang });
    case 'opendata-csv':
      return renderOpenDataCsv(report as PublicReport);
    case 'opendata-json':
      return renderOpenDataJson(report as PublicReport);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown report format ${String(unknown)}`);
    }
  }
}

export const isReportFormat = (value: string): value is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(value);
