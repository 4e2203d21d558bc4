import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by pdfkit shows, roughly: each content stream inflated, the hex strings
 * of its text operators decoded (standard fonts: WinAnsi, read as Latin-1). Enough to check that
 * a value is printed; layout and kerning are not reconstructed.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const parts: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let match = streams.exec(source); match !== null; match = streams.exec(source)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const line of content.split('\n')) {
      if (!/T[Jj]\s*$/.test(line)) continue;
      const hexes = line.match(/<([0-9a-fA-F]*)>/g) ?? [];
      parts.push(hexes.map((hex) => Buffer.from(hex.slice(1, -1), 'hex').toString('latin1')).join(''));
    }
  }
  return parts.join('\n');
}
