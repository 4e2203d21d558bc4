import { useSyncExternalStore } from 'react';
import { en } from './en';
import { fr, type Messages } from './fr';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];
const catalogues: Record<Lang, Messages> = { fr, en };

/** The chosen language is a display preference, not personal data: localStorage is fine. */
const STORAGE_KEY = 'vigie.lang';
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

let current: Lang = stored();
document.documentElement.lang = current;

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useLang = (): Lang => useSyncExternalStore(subscribe, () => current);

/** The current language's catalogue: `const t = useT(); t.home.title`. */
export const useT = (): Messages => catalogues[useLang()];

export const formatDate = (iso: string | null | undefined, lang: Lang): string =>
  iso
    ? new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '—';
