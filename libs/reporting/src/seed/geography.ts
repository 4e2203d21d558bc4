import { validateFiness, type RegionCode } from '@vigie/domain';
import type { Prng } from './prng';

interface City {
  name: string;
  /** The FINESS prefix: the département (2A/2B for Corsica), 97x overseas. */
  prefix: string;
}

const city = (name: string, prefix: string): City => ({ name, prefix });

/** A few towns per region, with their département, for plausible names and FINESS numbers. */
export const CITIES: Record<RegionCode, City[]> = {
  '01': [city('Pointe-à-Pitre', '971'), city('Basse-Terre', '971')],
  '02': [city('Fort-de-France', '972'), city('Le Lamentin', '972')],
  '03': [city('Cayenne', '973'), city('Saint-Laurent-du-Maroni', '973')],
  '04': [city('Saint-Denis', '974'), city('Saint-Pierre', '974'), city('Saint-Paul', '974')],
  '06': [city('Mamoudzou', '976')],
  '11': [
    city('Paris', '75'),
    city('Créteil', '94'),
    city('Versailles', '78'),
    city('Saint-Denis', '93'),
    city('Évry', '91'),
    city('Pontoise', '95'),
    city('Meaux', '77'),
    city('Nanterre', '92'),
  ],
  '24': [
    city('Tours', '37'),
    city('Orléans', '45'),
    city('Bourges', '18'),
    city('Chartres', '28'),
    city('Blois', '41'),
  ],
  '27': [city('Dijon', '21'), city('Besançon', '25'), city('Auxerre', '89'), city('Chalon-sur-Saône', '71')],
  '28': [
    city('Rouen', '76'),
    city('Caen', '14'),
    city('Le Havre', '76'),
    city('Cherbourg', '50'),
    city('Évreux', '27'),
  ],
  '32': [
    city('Lille', '59'),
    city('Amiens', '80'),
    city('Arras', '62'),
    city('Beauvais', '60'),
    city('Saint-Quentin', '02'),
  ],
  '44': [
    city('Strasbourg', '67'),
    city('Nancy', '54'),
    city('Reims', '51'),
    city('Metz', '57'),
    city('Mulhouse', '68'),
    city('Troyes', '10'),
  ],
  '52': [
    city('Nantes', '44'),
    city('Angers', '49'),
    city('Le Mans', '72'),
    city('La Roche-sur-Yon', '85'),
    city('Laval', '53'),
  ],
  '53': [
    city('Rennes', '35'),
    city('Brest', '29'),
    city('Vannes', '56'),
    city('Saint-Brieuc', '22'),
    city('Quimper', '29'),
  ],
  '75': [
    city('Bordeaux', '33'),
    city('Limoges', '87'),
    city('Poitiers', '86'),
    city('Pau', '64'),
    city('La Rochelle', '17'),
    city('Périgueux', '24'),
  ],
  '76': [
    city('Toulouse', '31'),
    city('Montpellier', '34'),
    city('Nîmes', '30'),
    city('Perpignan', '66'),
    city('Narbonne', '11'),
    city('Albi', '81'),
  ],
  '84': [
    city('Lyon', '69'),
    city('Grenoble', '38'),
    city('Clermont-Ferrand', '63'),
    city('Saint-Étienne', '42'),
    city('Annecy', '74'),
    city('Valence', '26'),
    city('Chambéry', '73'),
  ],
  '93': [
    city('Marseille', '13'),
    city('Nice', '06'),
    city('Toulon', '83'),
    city('Avignon', '84'),
    city('Gap', '05'),
  ],
  '94': [city('Ajaccio', '2A'), city('Bastia', '2B')],
};

/**
 * How declarations spread over regions when a profile does not fix a region's count: roughly the
 * regions' share of health facilities.
 */
export const REGION_WEIGHTS: Record<RegionCode, number> = {
  '01': 0.8,
  '02': 0.7,
  '03': 0.4,
  '04': 1.2,
  '06': 0.3,
  '11': 16,
  '24': 3.5,
  '27': 4,
  '28': 4.5,
  '32': 8,
  '44': 8,
  '52': 5,
  '53': 5,
  '75': 9,
  '76': 9,
  '84': 13,
  '93': 8,
  '94': 0.6,
};

/** Luhn check digit for the 8 digits before it. */
function luhnKey(body: string): string {
  for (let key = 0; key <= 9; key++) {
    if (validateFiness(`${body}${key}`) === null) return String(key);
  }
  throw new Error(`no Luhn key for ${body}`);
}

/** A FINESS number in the city's département, valid for the domain's checks, not yet in `taken`. */
export function finessIn(city: City, prng: Prng, taken: Set<string>): string {
  for (;;) {
    let body = city.prefix;
    while (body.length < 8) body += String(prng.int(0, 9));
    // Corsica's numbers carry letters: no Luhn key is known for them (DOMAIN.md §4.1).
    const finess = /[AB]/.test(body) ? `${body}${prng.int(0, 9)}` : `${body}${luhnKey(body)}`;
    if (!taken.has(finess) && validateFiness(finess) === null) {
      taken.add(finess);
      return finess;
    }
  }
}
