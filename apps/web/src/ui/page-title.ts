import { useEffect } from 'react';

/** Each page names itself in the tab (RGAA 8.6): `<page> — Vigie`. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Vigie`;
  }, [title]);
}
