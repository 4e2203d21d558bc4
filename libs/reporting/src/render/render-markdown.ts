import type { AnyReport } from '../public-mask';
import type { RenderOptions } from './render-options';
import { formatCount, formatShare, keyFigures, reportTables } from './report-tables';
import { formatDate, text } from './report-text';

const cell = (value: string): string => value.replace(/\|/g, '\\|');
const row = (...cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;

export function renderMarkdown(report: AnyReport, { lang }: RenderOptions): string {
  const lines = [
    `# ${text('title', lang)}`,
    '',
    `**${text('subtitle', lang, { year: report.year })}**`,
    '',
    `${text('asOf', lang, { asOf: formatDate(report.asOf, lang) })}. ${text('generated', lang, {
      generatedAt: formatDate(report.generatedAt, lang),
      position: report.position,
      taxonomy: report.taxonomyVersion,
    })}.`,
    '',
    `_${text(report.public ? 'publicEdition' : 'internalEdition', lang)}_`,
    '',
    `## ${text('keyFigures', lang)}`,
    '',
    row('', text('count', lang), ''),
    row('---', '---:', '---'),
    ...keyFigures(report, lang).map((figure) => row(figure.label, figure.value, figure.detail)),
  ];
  for (const table of reportTables(report, lang)) {
    lines.push(
      '',
      `## ${table.title}`,
      '',
      row(text('label', lang), text('code', lang), text('count', lang), text('share', lang)),
      row('---', '---', '---:', '---:'),
      ...table.rows.map((r) =>
        row(
          r.detail === undefined ? r.label : `${r.label} — ${r.detail}`,
          `\`${r.code}\``,
          formatCount(r.count, lang),
          formatShare(r.share, lang),
        ),
      ),
    );
  }
  lines.push('', `## ${text('countingRules', lang)}`, '', text('rules', lang), '');
  return lines.join('\n');
}
