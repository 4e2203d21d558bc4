import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { AnyReport } from '../public-mask';
import { BLUE, RED } from './chart-specs';
import { renderReportCharts, type RenderedChart } from './rendered-charts';
import { BOLD, REGULAR, registerPdfFonts } from './pdf-fonts';
import type { RenderOptions } from './render-options';
import {
  formatCount,
  formatShare,
  keyFigures,
  reportTables,
  tableTitle,
  type ReportTable,
} from './report-tables';
import { formatDate, text } from './report-text';

const MARGIN = 50;
const INK = '#161616';
const MUTED = '#666666';
const LINE = '#e5e5e5';

/** A4, title page with the key figures, then the charts, then every table; page numbers in the footer. */
export async function renderPdf(
  report: AnyReport,
  { lang }: RenderOptions,
  charts?: RenderedChart[],
): Promise<Buffer> {
  const svgs = charts ?? (await renderReportCharts(report, lang));
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      // The report's instant, never the rendering's: an edition renders to the same bytes each time.
      CreationDate: new Date(report.generatedAt),
      ModDate: new Date(report.generatedAt),
      Title: `${text('title', lang)} — ${report.year}`,
      Author: 'Vigie',
      Subject: text('subtitle', lang, { year: report.year }),
    },
  });
  const done = collect(doc);
  registerPdfFonts(doc);

  titlePage(doc, report, lang);
  doc.addPage();
  for (const chart of svgs) drawChart(doc, chart);
  for (const table of reportTables(report, lang)) drawTable(doc, table, lang);
  doc.font(REGULAR).fontSize(10);
  ensureSpace(doc, doc.heightOfString(text('rules', lang), { width: doc.page.width - 2 * MARGIN }) + 90);
  heading(doc, text('countingRules', lang));
  doc.font(REGULAR).fontSize(10).fillColor(INK).text(text('rules', lang), { align: 'justify' });
  doc
    .moveDown(0.5)
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      text('generated', lang, {
        generatedAt: formatDate(report.generatedAt, lang),
        position: report.position,
        taxonomy: report.taxonomyVersion,
      }),
    );
  pageNumbers(doc, lang);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function titlePage(doc: PDFKit.PDFDocument, report: AnyReport, lang: RenderOptions['lang']): void {
  const width = doc.page.width;
  doc.rect(0, 0, width, 300).fill(BLUE);
  doc.rect(0, 300, width, 6).fill(RED);
  doc.fillColor('#ffffff').font(BOLD).fontSize(13).text('CERT Santé · Vigie', MARGIN, 60);
  doc
    .font(BOLD)
    .fontSize(26)
    .text(text('title', lang), MARGIN, 110, { width: width - 2 * MARGIN });
  doc
    .moveDown(0.4)
    .font(REGULAR)
    .fontSize(15)
    .text(text('subtitle', lang, { year: report.year }));
  doc
    .font(BOLD)
    .fontSize(64)
    .text(String(report.year), MARGIN, 200, { width: width - 2 * MARGIN, align: 'right' });

  doc.fillColor(INK).font(BOLD).fontSize(16).text(text('keyFigures', lang), MARGIN, 340);
  const figures = keyFigures(report, lang);
  const cardWidth = (width - 2 * MARGIN - 2 * 12) / 3;
  figures.forEach((figure, i) => {
    const x = MARGIN + (i % 3) * (cardWidth + 12);
    const y = 372 + Math.floor(i / 3) * 112;
    doc.rect(x, y, cardWidth, 100).fill('#f5f5fe');
    doc.rect(x, y, cardWidth, 4).fill(BLUE);
    doc
      .fillColor(BLUE)
      .font(BOLD)
      .fontSize(26)
      .text(figure.value, x + 10, y + 14, { width: cardWidth - 20 });
    doc
      .fillColor(INK)
      .font(BOLD)
      .fontSize(10)
      .text(figure.label, x + 10, y + 50, { width: cardWidth - 20 });
    doc
      .fillColor(MUTED)
      .font(REGULAR)
      .fontSize(8.5)
      .text(figure.detail, x + 10, doc.y + 2, { width: cardWidth - 20 });
  });

  originBar(doc, report, lang, 606);

  const boxTop = 676;
  const inner = width - 2 * MARGIN - 24;
  doc.font(REGULAR).fontSize(8.5);
  const boxHeight = doc.heightOfString(text('rules', lang), { width: inner, align: 'justify' }) + 64;
  doc.rect(MARGIN, boxTop, width - 2 * MARGIN, boxHeight).fill('#f6f6f6');
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(10)
    .text(text('countingRules', lang), MARGIN + 12, boxTop + 10);
  doc
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(text('rules', lang), { width: inner, align: 'justify' });
  doc
    .moveDown(0.5)
    .fillColor(INK)
    .fontSize(9)
    .text(text('asOf', lang, { asOf: formatDate(report.asOf, lang) }));
  doc.fillColor(report.public ? BLUE : RED).font(BOLD);
  doc.text(text(report.public ? 'publicEdition' : 'internalEdition', lang));
  doc.x = MARGIN;
}

/** Malicious against non-malicious at a glance: one bar split by share, as the press quotes it. */
function originBar(
  doc: PDFKit.PDFDocument,
  report: AnyReport,
  lang: RenderOptions['lang'],
  top: number,
): void {
  const width = doc.page.width - 2 * MARGIN;
  const malicious = report.shares.origin.MALICIOUS;
  const nonMalicious = report.shares.origin.NON_MALICIOUS;
  doc.fillColor(INK).font(BOLD).fontSize(10).text(tableTitle('origin', lang), MARGIN, top);
  if (malicious === null || nonMalicious === null) return;
  const barTop = top + 16;
  const split = MARGIN + (width * malicious) / 100;
  const rest = MARGIN + (width * (malicious + nonMalicious)) / 100;
  doc.rect(MARGIN, barTop, width, 20).fill('#e5e5e5');
  doc.rect(MARGIN, barTop, split - MARGIN, 20).fill(RED);
  doc.rect(split, barTop, rest - split, 20).fill(BLUE);
  doc.fillColor('#ffffff').font(BOLD).fontSize(9);
  // A segment too narrow for its label (0 % when every declaration has one origin) gets none:
  // pdfkit never returns from `ellipsis` in a width below one character.
  const label = (words: string, x: number, segment: number, align: 'left' | 'right') => {
    if (segment - 12 < MIN_LABEL_WIDTH) return;
    doc.text(words, x + 6, barTop + 6, { width: segment - 12, align, lineBreak: false, ellipsis: true });
  };
  label(`${text('malicious', lang)} ${formatShare(malicious, lang)}`, MARGIN, split - MARGIN, 'left');
  label(`${text('nonMalicious', lang)} ${formatShare(nonMalicious, lang)}`, split, rest - split, 'right');
}

const MIN_LABEL_WIDTH = 24;

function heading(doc: PDFKit.PDFDocument, title: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  const y = doc.y;
  doc.rect(MARGIN, y, 3, 15).fill(RED);
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(13)
    .text(title, MARGIN + 10, y + 1);
  doc.moveDown(0.4);
  doc.x = MARGIN;
}

function drawChart(doc: PDFKit.PDFDocument, chart: RenderedChart): void {
  const { width, height } = svgSize(chart.svg);
  const available = doc.page.width - 2 * MARGIN;
  const scale = Math.min(1, available / width);
  ensureSpace(doc, height * scale + 16);
  SVGtoPDF(doc, chart.svg, MARGIN, doc.y, {
    width: width * scale,
    height: height * scale,
    assumePt: true,
    preserveAspectRatio: 'xMinYMin meet',
    // The charts keep the standard Helvetica their layout was measured with (vega's estimates):
    // their labels (months, regions, codes) are Latin-1, which it prints right.
  });
  doc.y += height * scale + 16;
  doc.x = MARGIN;
}

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 300);
  return { width, height };
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, lang: RenderOptions['lang']): void {
  const rowHeight = 15;
  // The heading and the table's first rows stay together.
  ensureSpace(doc, 60 + rowHeight * Math.min(table.rows.length + 1, 8));
  heading(doc, table.title);
  const width = doc.page.width - 2 * MARGIN;
  const columns = { label: MARGIN, count: MARGIN + width - 140, share: MARGIN + width - 60 };
  const labelWidth = columns.count - columns.label - 10;
  const line = (label: string, count: string, share: string, bold: boolean, detail?: string) => {
    doc.font(bold ? BOLD : REGULAR).fontSize(9);
    // A long label wraps onto as many lines as it needs: never cut (docs/report.md).
    const labelHeight = Math.max(rowHeight - 6, doc.heightOfString(label, { width: labelWidth }));
    const height = labelHeight + 6 + (detail === undefined ? 0 : 10);
    ensureSpace(doc, height);
    const y = doc.y;
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(9)
      .fillColor(bold ? MUTED : INK);
    doc.text(label, columns.label, y + 3, { width: labelWidth });
    doc.text(count, columns.count, y + 3, { width: 70, align: 'right', lineBreak: false });
    doc.text(share, columns.share, y + 3, { width: 60, align: 'right', lineBreak: false });
    // Short enough for the column at this size; pdfkit's `ellipsis` is kept to the labels.
    if (detail !== undefined)
      doc
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(detail, columns.label, y + labelHeight + 4, { lineBreak: false });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + width, y + height)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    doc.y = y + height;
  };
  line(text('label', lang), text('count', lang), text('share', lang), true);
  for (const row of table.rows)
    line(row.label, formatCount(row.count, lang), formatShare(row.share, lang), false, row.detail);
  doc.x = MARGIN;
}

function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function pageNumbers(doc: PDFKit.PDFDocument, lang: RenderOptions['lang']): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (i !== start) {
      doc.font(REGULAR).fontSize(8).fillColor(MUTED);
      doc.text(text('page', lang, { page: i + 1, pages: count }), MARGIN, doc.page.height - 35, {
        width: doc.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = bottom;
  }
}
