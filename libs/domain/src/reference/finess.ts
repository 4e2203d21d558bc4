import { passesLuhn } from './luhn';

const FINESS_PATTERN = /^(?:\d{2}|2A|2B)\d{7}$/;

/**
 * Why a FINESS number is not valid, or null when it is. The key is a Luhn check, verified on real
 * numbers but never published (DOMAIN.md §4.1); how Corsica's `2A`/`2B` numbers compute it is
 * unknown, so they are accepted on their pattern alone.
 */
export function validateFiness(value: string): string | null {
  if (typeof value !== 'string' || value.length !== 9) return 'a FINESS number has exactly 9 characters';
  if (!FINESS_PATTERN.test(value)) return 'a FINESS number is 9 digits, or 2A/2B followed by 7 digits';
  if (/^\d{9}$/.test(value) && !passesLuhn(value)) return 'the FINESS check digit (Luhn) does not match';
  return null;
}
