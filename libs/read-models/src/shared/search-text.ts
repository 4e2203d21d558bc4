/**
 * What text search compares: lower case, without diacritics, ligatures spelled out. SQLite's LIKE
 * folds ASCII case only, so both sides are folded here, the same way on both dialects: "securite",
 * "SÉCURITÉ" and "sécurité" all find "Sécurité".
 */
export function searchTextOf(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}
