import type { AnyReport } from '../public-mask';
import { BLUE, RED } from './chart-specs';
import { renderReportCharts, type RenderedChart } from './rendered-charts';
import type { RenderOptions } from './render-options';
import { formatCount, formatShare, keyFigures, reportTables } from './report-tables';
import { formatDate, text } from './report-text';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char]);

const STYLE = `
  :root { --blue: ${BLUE}; --red: ${RED}; --ink: #161616; --muted: #666; --line: #e5e5e5; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 "Marianne", Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f6f6; }
  header { background: var(--blue); color: #fff; padding: 32px 48px 28px; }
  header h1 { margin: 0 0 6px; font-size: 26px; line-height: 1.2; }
  header p { margin: 2px 0; opacity: .9; }
  .edition { display: inline-block; margin-top: 12px; padding: 3px 10px; border-radius: 3px; background: #fff; color: var(--blue); font-weight: 600; font-size: 12px; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
  h2 { font-size: 18px; margin: 32px 0 12px; border-left: 4px solid var(--red); padding-left: 10px; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; }
  .figure { background: #fff; border-top: 4px solid var(--blue); padding: 14px 16px; }
  .figure .value { font-size: 30px; font-weight: 700; color: var(--blue); }
  .figure .label { font-weight: 600; }
  .figure .detail { color: var(--muted); font-size: 12px; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
  figure { margin: 0; background: #fff; padding: 12px; }
  figure svg { max-width: 100%; height: auto; }
  .tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
  section.table { background: #fff; padding: 4px 16px 12px; }
  section.table h3 { font-size: 15px; margin: 12px 0 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
  th { font-size: 12px; color: var(--muted); font-weight: 600; }
  td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  code { font-size: 11px; color: var(--muted); }
  footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
  @media print { body { background: #fff; } .charts, .tables { display: block; } figure, section.table { break-inside: avoid; } }
`;

/** A standalone page (inline CSS, inline SVG charts, no external resource): it can be mailed or archived as is. */
export async function renderHtml(
  report: AnyReport,
  { lang }: RenderOptions,
  charts?: RenderedChart[],
): Promise<string> {
  const svgs = charts ?? (await renderReportCharts(report, lang));
  const figures = keyFigures(report, lang)
    .map(
      (figure) =>
        `<div class="figure"><div class="value">${escapeHtml(figure.value)}</div><div class="label">${escapeHtml(figure.label)}</div><div class="detail">${escapeHtml(figure.detail)}</div></div>`,
    )
    .join('\n');
  const chartFigures = svgs
    .map((chart) => `<figure aria-label="${escapeHtml(chart.title)}">${chart.svg}</figure>`)
    .join('\n');
  const tables = reportTables(report, lang)
    .map((table) => {
      const rows = table.rows
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row.label)} <code>${escapeHtml(row.code)}</code>${row.detail === undefined ? '' : `<br><small>${escapeHtml(row.detail)}</small>`}</td><td class="num">${escapeHtml(formatCount(row.count, lang))}</td><td class="num">${escapeHtml(formatShare(row.share, lang))}</td></tr>`,
        )
        .join('\n');
      return `<section class="table" id="${escapeHtml(table.id)}"><h3>${escapeHtml(table.title)}</h3><table><thead><tr><th>${escapeHtml(text('label', lang))}</th><th class="num">${escapeHtml(text('count', lang))}</th><th class="num">${escapeHtml(text('share', lang))}</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`;
    })
    .join('\n');
  const title = `${text('title', lang)} — ${report.year}`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(text('title', lang))}</h1>
<p>${escapeHtml(text('subtitle', lang, { year: report.year }))}</p>
<p>${escapeHtml(text('asOf', lang, { asOf: formatDate(report.asOf, lang) }))}</p>
<span class="edition">${escapeHtml(text(report.public ? 'publicEdition' : 'internalEdition', lang))}</span>
</header>
<main>
<h2>${escapeHtml(text('keyFigures', lang))}</h2>
<div class="figures">
${figures}
</div>
<div class="charts">
${chartFigures}
</div>
<div class="tables">
${tables}
</div>
<h2>${escapeHtml(text('countingRules', lang))}</h2>
<p>${escapeHtml(text('rules', lang))}</p>
<footer>${escapeHtml(text('generated', lang, { generatedAt: formatDate(report.generatedAt, lang), position: report.position, taxonomy: report.taxonomyVersion }))}</footer>
</main>
</body>
</html>
`;
}
