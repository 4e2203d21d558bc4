import { labelOf, type Lang } from '@vigie/domain';
import type { DeadlineItem, DeclarationView } from '@vigie/read-models';
import PDFDocument from 'pdfkit';
import { clockLabel, formatInstant, receiptText, type ReceiptText } from './receipt-text';

const MARGIN = 56;
const BLUE = '#000091';
const RED = '#e1000f';
const INK = '#161616';
const MUTED = '#666666';

/**
 * The accusé de réception as an A4 PDF: the reference, when and by whom, the facility, what was
 * declared, the deadlines that run. The same declaration gives the same bytes: the document's
 * dates are the submission's, never the rendering's. Helvetica's Latin-1 set covers French; no
 * glyph outside it (no arrows) is used.
 */
export function renderReceiptPdf(
  view: DeclarationView,
  clocks: readonly DeadlineItem[],
  lang: Lang,
): Promise<Buffer> {
  const t = (key: ReceiptText) => receiptText(key, lang);
  const submittedAt = new Date(view.submittedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: `${t('title')} ${view.reference ?? view.id}`,
      Author: 'Vigie',
      CreationDate: submittedAt,
      ModDate: submittedAt,
    },
  });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;

  doc.rect(0, 0, doc.page.width, 8).fill(BLUE);
  doc.rect(0, 8, doc.page.width, 3).fill(RED);
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(11).text('CERT Santé · Vigie', MARGIN, MARGIN);
  doc.moveDown(1).fillColor(INK).fontSize(22).text(t('title'));
  doc.font('Helvetica').fontSize(12).fillColor(MUTED).text(t('subtitle'));
  doc.moveDown(1.2);

  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t('reference'));
  doc
    .font('Helvetica-Bold')
    .fontSize(26)
    .fillColor(BLUE)
    .text(view.reference ?? view.id);
  doc.moveDown(0.6);
  field(doc, t('receivedAt'), formatInstant(view.submittedAt, lang));
  field(doc, t('receivedBy'), `${view.declarant.name} (${view.declarant.role})`);
  field(
    doc,
    t('facility'),
    `${view.structure.name}, ${labelOf('structureType', view.structure.type, lang)}, ${labelOf('region', view.structure.region, lang)} (${t('finess')} ${view.structure.finess})`,
  );

  heading(doc, t('declared'));
  field(doc, t('occurredAt'), formatInstant(view.occurredAt, lang));
  field(doc, t('detectedAt'), formatInstant(view.detectedAt, lang));
  field(doc, t('origin'), labelOf('origin', view.suspectedOrigin, lang));
  field(doc, t('operationalImpact'), labelOf('operationalImpact', view.operationalImpact, lang));
  field(doc, t('patientEndangerment'), labelOf('patientEndangerment', view.patientEndangerment, lang));
  field(
    doc,
    t('dataImpacts'),
    view.dataImpacts.length === 0
      ? t('none')
      : view.dataImpacts.map((code) => labelOf('dataImpact', code, lang)).join(' ; '),
  );
  field(doc, t('description'), view.description);

  heading(doc, t('deadlines'));
  if (clocks.length === 0) doc.font('Helvetica').fontSize(10).fillColor(INK).text(t('noDeadline'), { width });
  for (const clock of clocks) {
    const when =
      clock.metAt === null
        ? `${t('dueAt')} ${formatInstant(clock.dueAt, lang)}`
        : `${t('met')} ${formatInstant(clock.metAt, lang)}`;
    field(doc, clockLabel(clock.regime, clock.stage, lang), when);
  }

  doc
    .moveDown(1.5)
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(t('attests'), { width, align: 'justify' });
  doc.end();
  return done;
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(`${label} : `, { continued: true });
  doc.font('Helvetica').text(value);
  doc.moveDown(0.25);
}

function heading(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(BLUE).text(title);
  doc.moveDown(0.3);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
