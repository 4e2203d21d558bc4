import { execFileSync } from 'node:child_process';
import { LABELS, type DeclarationEvent, type RegionCode } from '@vigie/domain';
import * as fontkit from 'fontkit';
import type { AnnualReport } from '../annual-report';
import { maskReport } from '../public-mask';
import { qualified, reportOf, submitted, supportRequested } from '../report.fixtures';
import { parseCsvReport } from './parse-csv-report';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { FONT_FILES } from './pdf-fonts';
import { renderPdf } from './render-pdf';
import { formatNumber, monthAbbreviation, monthName, REPORT_TEXTS } from './report-text';
import { renderReportCharts, type RenderedChart } from './rendered-charts';

/** A small year: 40 declarations over a few regions, types and impacts, one at each odd corner. */
function sampleReport(): AnnualReport {
  const regions: RegionCode[] = ['11', '84', '93', '53', '04'];
  const declarations: DeclarationEvent[][] = Array.from({ length: 40 }, (_, i) => {
    const id = `d-${i}`;
    const at = new Date(Date.UTC(2020, i % 12, 3 + (i % 20), 9)).toISOString();
    const malicious = i % 5 < 3;
    return [
      submitted({
        declarationId: id,
        submittedAt: at,
        detectedAt: at,
        structure: {
          finess: `75000${String(i % 25).padStart(3, '0')}1`,
          name: 'S',
          type: i % 8 === 0 ? 'ESMS' : 'ES',
          region: regions[i % regions.length],
          isOse: false,
          nis2: 'NONE',
        },
        operationalImpact: (['NONE', 'DEGRADED', 'INTERRUPTION'] as const)[i % 3],
        patientEndangerment: i % 9 === 0 ? 'POTENTIAL' : 'NONE',
        dataImpacts: i % 2 === 0 ? ['AVAILABILITY'] : ['CONFIDENTIALITY', 'INTEGRITY'],
      }),
      qualified(
        id,
        malicious
          ? { origin: 'MALICIOUS', type: i % 2 ? 'RANSOMWARE' : 'MALICIOUS_EMAIL' }
          : { origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS' },
      ),
      ...(i % 4 === 0 ? [supportRequested(id)] : []),
    ];
  });
  return reportOf(2020, ...declarations);
}

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'img', 'hr', 'input']);

/** The unclosed or mismatched tags of an HTML document (SVG included); [] when well-formed. */
function tagProblems(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = html.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const [, closing, name, , selfClosing] of body.matchAll(
    /<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>/g,
  )) {
    const tag = name.toLowerCase();
    if (selfClosing || VOID_ELEMENTS.has(tag)) continue;
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) problems.push(`</${tag}> closes something else`);
  }
  return [...problems, ...open.map((tag) => `<${tag}> never closed`)];
}

/**
 * The text of a PDF as a reader gets it, by poppler's pdftotext (Debian's poppler-utils; .ci/run
 * installs it): the PDFs embed their fonts, whose glyphs only a real extractor maps back to text.
 */
function pdfText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  } catch (error) {
    throw new Error(
      `pdftotext could not read the PDF (apt-get install poppler-utils): ${(error as Error).message}`,
    );
  }
}

describe('renderers', () => {
  const report = sampleReport();
  let charts: RenderedChart[];

  beforeAll(async () => {
    charts = await renderReportCharts(report, 'fr');
  }, 60_000);

  it('JSON is the canonical report', () => {
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('CSV is one long section,key,value table that reads back to the same report', () => {
    const csv = renderCsv(report);
    expect(csv.split('\n')[0]).toBe('section,key,value');
    expect(csv).toContain('operationalImpact.structures,DEGRADED,');
    expect(parseCsvReport(csv)).toEqual(report);
  });

  it('CSV of a public report keeps its "<5" cells and withheld shares', () => {
    const masked = maskReport(report);
    expect(parseCsvReport(renderCsv(masked))).toEqual(masked);
  });

  it('charts are SVG documents: by month, by region, origin and types, impacts', () => {
    expect(charts.map((chart) => chart.id)).toEqual(['byMonth', 'byRegion', 'origin', 'impacts']);
    for (const chart of charts) expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(charts[1].svg).toContain('Île-de-France');
  });

  it('HTML is a well-formed standalone page with its SVG charts and French labels', async () => {
    const html = await renderHtml(report, { lang: 'fr' }, charts);
    expect(tagProblems(html)).toEqual([]);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Rançongiciel');
    expect(html).toContain('Auvergne-Rhône-Alpes');
    expect(html).not.toMatch(/<link|<script|src="http/);
  });

  it('the balanced-tag check itself catches a broken page', () => {
    expect(tagProblems('<html><body><table><tr><td>x</tr></table></body></html>')).not.toEqual([]);
  });

  it('HTML in English, public: English labels and masked cells', async () => {
    const html = await renderHtml(maskReport(report), { lang: 'en' });
    expect(tagProblems(html)).toEqual([]);
    expect(html).toContain('Ransomware');
    expect(html).toContain('&lt;5');
    expect(html).toContain('Public edition');
  }, 60_000);

  it('Markdown has a table per section', () => {
    const md = renderMarkdown(report, { lang: 'fr' });
    expect(md).toContain('# Observatoire des incidents');
    expect(md).toContain('## Signalements par région');
    expect(md).toMatch(/\| Île-de-France \| `11` \| 8 \| 20 % \|/);
  });

  it('PDF opens: A4 pages, a title page, text that can be extracted', async () => {
    const pdf = await renderPdf(report, { lang: 'fr' }, charts);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfText(pdf);
    expect(text).toContain('Observatoire des incidents');
    expect(text).toContain('Rançongiciel');
    expect(text).toMatch(/Page 2 \/ \d+/);
  });

  it('PDF: the arrow prints as an arrow, months are told apart, long labels are never cut (both languages)', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const text = pdfText(await renderPdf(report, { lang }, await renderReportCharts(report, lang)));
      expect(text).toContain(lang === 'fr' ? 'constat → transmission' : 'detection → submission');
      expect(text).not.toContain('!’');
      // No label is cut: the only "…" are those of a label that has one ("Autre (erreur humaine, sinistre…)").
      expect(text.replace(/(sinistre|physical event)…\)/g, '')).not.toContain('…');
      const words = text.replace(/\s+/g, ' ');
      // A long label of the type tables, in full (it wraps).
      expect(words).toContain(
        lang === 'fr'
          ? 'Interruption du système de prise en charge des patients'
          : 'Interruption of the patient-care system',
      );
    }
    const months = (lang: 'fr' | 'en') =>
      Array.from({ length: 12 }, (_, index) => monthAbbreviation(String(index + 1).padStart(2, '0'), lang));
    expect(months('fr')).toEqual([
      'janv.',
      'févr.',
      'mars',
      'avr.',
      'mai',
      'juin',
      'juil.',
      'août',
      'sept.',
      'oct.',
      'nov.',
      'déc.',
    ]);
    for (const lang of ['fr', 'en'] as const) expect(new Set(months(lang)).size).toBe(12);
  });

  it('PDF: the embedded fonts hold a glyph for every character of every text and label', () => {
    const strings = [
      ...Object.values(REPORT_TEXTS).flatMap((label) => [label.fr, label.en]),
      ...Object.values(LABELS).flatMap((list) =>
        Object.values(list).flatMap((label) => [label.fr, label.en]),
      ),
      ...(['fr', 'en'] as const).flatMap((lang) =>
        Array.from({ length: 12 }, (_, index) => monthName(String(index + 1), lang)),
      ),
      formatNumber(1234567.5, 'fr'),
      formatNumber(1234567.5, 'en'),
    ];
    const characters = [...new Set(strings.join('').replace(/\{\w+\}/g, ''))];
    for (const [name, file] of Object.entries(FONT_FILES)) {
      const font = fontkit.openSync(file);
      const missing = characters.filter((character) => !font.hasGlyphForCodePoint(character.codePointAt(0)!));
      expect({ font: name, missing }).toEqual({ font: name, missing: [] });
    }
  });
});
