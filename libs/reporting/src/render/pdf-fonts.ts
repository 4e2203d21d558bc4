import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The fonts the PDFs embed (assets/fonts/README.md): the standard PDF fonts' encoding has no `→`
 * and prints it as "!’". `npm run build` copies assets/ beside the compiled code, so the same
 * relative path holds in the sources and in dist/.
 */
export const FONT_DIR = resolve(__dirname, '..', '..', 'assets', 'fonts');
export const REGULAR = 'Vigie-Regular';
export const BOLD = 'Vigie-Bold';

export const FONT_FILES: Readonly<Record<typeof REGULAR | typeof BOLD, string>> = {
  [REGULAR]: join(FONT_DIR, 'Marianne-Regular.woff'),
  [BOLD]: join(FONT_DIR, 'Marianne-Bold.woff'),
};

/** Registers both fonts on `doc`; fails loudly when a deployment lost them rather than print "!’". */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(FONT_FILES)) {
    if (!existsSync(file)) throw new Error(`The PDF font ${file} is missing (libs/reporting/assets/fonts)`);
    doc.registerFont(name, file);
  }
}
