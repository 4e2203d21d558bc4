import type { RegionCode } from '../taxonomy/codes';

/**
 * The region (INSEE code officiel géographique, 2024 edition) of each département, by its INSEE
 * code. docs/domain-regions.md is this table in words, with its sources and the exceptions.
 */
export const REGION_OF_DEPARTEMENT: Readonly<Record<string, RegionCode>> = {
  ...region('84', ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74']),
  ...region('32', ['02', '59', '60', '62', '80']),
  ...region('93', ['04', '05', '06', '13', '83', '84']),
  ...region('44', ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88']),
  ...region('76', ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82']),
  ...region('28', ['14', '27', '50', '61', '76']),
  ...region('75', ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']),
  ...region('24', ['18', '28', '36', '37', '41', '45']),
  ...region('27', ['21', '25', '39', '58', '70', '71', '89', '90']),
  ...region('53', ['22', '29', '35', '56']),
  ...region('52', ['44', '49', '53', '72', '85']),
  ...region('11', ['75', '77', '78', '91', '92', '93', '94', '95']),
  ...region('94', ['2A', '2B']),
  ...region('01', ['971']),
  ...region('02', ['972']),
  ...region('03', ['973']),
  ...region('04', ['974']),
  ...region('06', ['976']),
  // Saint-Barthélemy and Saint-Martin left Guadeloupe in 2007, but one agency covers the three (the
  // Code de la santé publique's "agence de santé de la Guadeloupe, de Saint-Barthélemy et de
  // Saint-Martin"), and FINESS files their facilities under 9A.
  ...region('01', ['977', '978']),
};

/**
 * Overseas territories FINESS numbers and INSEE codes can name that none of Vigie's 18 regions
 * covers: they have no ARS (Saint-Pierre-et-Miquelon's health is organised by the State under the
 * préfet, Wallis-et-Futuna's by its own agence de santé, the Pacific's by their governments).
 */
export const TERRITORIES_WITHOUT_REGION: Readonly<Record<string, string>> = {
  '975': 'Saint-Pierre-et-Miquelon',
  '986': 'Wallis-et-Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
};

function region(code: RegionCode, departements: readonly string[]): Record<string, RegionCode> {
  return Object.fromEntries(departements.map((departement) => [departement, code]));
}
