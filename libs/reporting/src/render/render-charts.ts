import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ChartSpec } from './chart-specs';

/**
 * vega and vega-lite are ESM-only with top-level await. This project compiles to CommonJS, where
 * `import()` becomes `require()`; a `new Function('return import(…)')` escape works in plain Node
 * but not inside jest's VM without --experimental-vm-modules. A child `node` process running an
 * ES module from `--eval` works in both, so charts are always rendered there: one process per
 * report (about half a second), which also keeps vega's memory out of the API process.
 */
const RENDERER = `
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { specs, widths } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const vl = await import('vega-lite');
const vega = await import('vega');
// Without a canvas vega guesses 0.8 em per character and cuts labels short: measure with the PDF's fonts.
vega.textMetrics.width = (item, text) => {
  const table = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? widths.bold : widths.regular;
  let units = 0;
  for (const char of String(text ?? '')) units += table[char] ?? 556;
  return (units * (item.fontSize ?? 11)) / 1000;
};
const svgs = [];
for (const spec of specs) {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  svgs.push(await view.toSVG());
  view.finalize();
}
process.stdout.write(JSON.stringify(svgs));
`;

let widths: { regular: Record<string, number>; bold: Record<string, number> } | undefined;

/** Advance widths (1/1000 em) of Helvetica, the font the charts use, taken from pdfkit's metrics. */
function helveticaWidths(): { regular: Record<string, number>; bold: Record<string, number> } {
  if (widths) return widths;
  const doc = new PDFDocument({ autoFirstPage: false });
  const chars = [
    ...Array.from({ length: 224 }, (_, i) => String.fromCharCode(32 + i)),
    '’',
    '…',
    '–',
    '—',
    'œ',
    'Œ',
    '€',
  ];
  const table = (font: string) => {
    doc.font(font).fontSize(1000);
    return Object.fromEntries(chars.map((char) => [char, Math.round(doc.widthOfString(char))]));
  };
  widths = { regular: table('Helvetica'), bold: table('Helvetica-Bold') };
  return widths;
}

/** Where `node_modules/vega` is: the child resolves bare specifiers from its working directory. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'vega-lite'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export class ChartRenderingError extends Error {
  override readonly name = 'ChartRenderingError';
}

/** One SVG document per spec, in order. */
export function renderChartsSvg(specs: readonly ChartSpec[], timeoutMs = 60_000): Promise<string[]> {
  if (specs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', RENDERER], {
      cwd: packageRoot(),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new ChartRenderingError(`cannot start the chart renderer: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code !== 0) {
        const reason = Buffer.concat(err).toString('utf8').trim().split('\n').slice(0, 5).join('\n');
        reject(new ChartRenderingError(`chart renderer exited with ${code ?? signal}: ${reason}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as string[]);
      } catch (error) {
        reject(new ChartRenderingError(`chart renderer answered no JSON: ${String(error)}`));
      }
    });
    child.stdin.end(JSON.stringify({ specs, widths: helveticaWidths() }));
  });
}
