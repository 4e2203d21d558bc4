import type { Lang } from '@vigie/domain';
import type { AnnualReport } from '../annual-report';
import { maskReport, type AnyReport } from '../public-mask';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';

export const REPORT_FORMATS = ['json', 'csv', 'md', 'html', 'pdf'] as const;
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
};

/** One entry point for the HTTP API and the CLI: the same report in any format, masked when public. */
export async function renderReport(
  report: AnnualReport,
  options: { format: ReportFormat; lang?: Lang; public?: boolean },
): Promise<RenderedReport> {
  const lang = options.lang ?? 'fr';
  const shown: AnyReport = options.public ? maskReport(report) : report;
  const body = await renderBody(shown, options.format, lang);
  return {
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    contentType: CONTENT_TYPES[options.format],
    extension: options.format,
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
    default: {
      const unknown: never = format;
      throw new Error(`Unknown report format ${String(unknown)}`);
    }
  }
}

export const isReportFormat = (value: string): value is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(value);
