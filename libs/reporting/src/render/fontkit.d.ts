/** The one call render.spec.ts makes of fontkit (pdfkit's font engine), which ships no types. */
declare module 'fontkit' {
  export function openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean };
}
