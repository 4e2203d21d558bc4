import type { RegionCode } from '../taxonomy/codes';
import { REGION_OF_DEPARTEMENT, TERRITORIES_WITHOUT_REGION } from './departements';
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

/** Where a FINESS number's first characters place its facility. */
export type FinessPlace =
  | { kind: 'region'; departement: string; region: RegionCode }
  | { kind: 'territory-without-region'; departement: string; territory: string }
  | { kind: 'unknown'; prefix: string };

/** Mayotte's INSEE code while it was a collectivité (until 2011): FINESS numbers still carry it. */
const DEPARTEMENT_ALIASES: Readonly<Record<string, string>> = { '985': '976' };

/**
 * The département a FINESS number names, as an INSEE code. Its first two characters are the
 * département (`2A`/`2B` for Corsica). Overseas, FINESS numbers read `970` + the département's
 * last digit (`9701…` Guadeloupe, `9702…` Martinique, `9703…` Guyane, `9704…` La Réunion) and
 * `980` + the territory's (`9805…` Mayotte, under its former code 985, `9806…` Wallis-et-Futuna),
 * as the FINESS extraction shows; a number written with the INSEE code itself (`971…`, `976…`)
 * reads the same, since no INSEE code has a 0 in third place.
 */
export function finessDepartement(finess: string): string | null {
  const head = finess.slice(0, 2);
  if (head === '97' || head === '98') {
    const digit = finess[2] === '0' ? finess[3] : finess[2];
    if (digit === undefined || !/^[1-9]$/.test(digit)) return null;
    return DEPARTEMENT_ALIASES[head + digit] ?? head + digit;
  }
  return head;
}

/** The region a valid FINESS number's facility belongs to, or why there is none. */
export function finessPlace(finess: string): FinessPlace {
  const departement = finessDepartement(finess);
  if (departement === null) return { kind: 'unknown', prefix: finess.slice(0, 4) };
  const region = REGION_OF_DEPARTEMENT[departement];
  if (region !== undefined) return { kind: 'region', departement, region };
  const territory = TERRITORIES_WITHOUT_REGION[departement];
  if (territory !== undefined) return { kind: 'territory-without-region', departement, territory };
  return { kind: 'unknown', prefix: departement };
}

/**
 * Why `region` cannot be the region of the facility FINESS number `finess` names, or null when it
 * is. For a valid number; the edge asks it too, so that the 400 lists this with any other fault.
 */
export function regionContradictingFiness(finess: string, region: string): string | null {
  const place = finessPlace(finess);
  switch (place.kind) {
    case 'region':
      return place.region === region
        ? null
        : `the FINESS number's département ${place.departement} is in region ${place.region}, not ${region}`;
    case 'territory-without-region':
      return `the FINESS number's territory (${place.territory}) is in none of the regions Vigie knows`;
    case 'unknown':
      return `the FINESS number's first characters (${place.prefix}) name no département, so no region`;
    default: {
      const unknown: never = place;
      throw new Error(`Unknown FINESS place ${JSON.stringify(unknown)}`);
    }
  }
}
