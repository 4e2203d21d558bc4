import type { Lang } from '../../i18n/i18n';
import type { Cell } from './report-model';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** A count as the report prints it: "<5" stays, null is a dash. */
export const formatCount = (value: Cell | undefined, lang: Lang): string =>
  typeof value === 'number' ? value.toLocaleString(locale(lang)) : (value ?? '—');

/** A percentage with its one decimal; null (masked, or no base) is a dash. */
export const formatShare = (value: Cell | undefined, lang: Lang): string =>
  typeof value === 'number'
    ? `${value.toLocaleString(locale(lang), { maximumFractionDigits: 1 })} %`
    : (value ?? '—');
