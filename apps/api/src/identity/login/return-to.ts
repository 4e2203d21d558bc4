/**
 * Where a login may send the browser back: a path of this site only (`/compte?x=1`), never
 * another origin (`//evil.example`, `/\evil.example`, `https://…`), never the auth routes.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\\]/.test(raw) || raw.startsWith('/auth/')) return '/';
  return raw;
}
