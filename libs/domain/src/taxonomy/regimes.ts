import type { Nis2Status, StructureType } from './codes';

/**
 * The legal regimes whose clocks Vigie tracks (DOMAIN.md §5):
 * - `CSP`: the French obligation of the Code de la santé publique (L.1111-8-2, D.1111-16-2):
 *   declare "sans délai";
 * - `NIS2`: directive 2022/2555 art. 23, for essential and important entities;
 * - `GDPR`: regulation 2016/679 art. 33, a personal-data breach notified to the CNIL.
 */
export const REGIMES = ['CSP', 'NIS2', 'GDPR'] as const;
export type Regime = (typeof REGIMES)[number];

/** Every stage a clock measures, across regimes. */
export const CLOCK_STAGES = [
  'DECLARATION',
  'EARLY_WARNING',
  'NOTIFICATION',
  'INTERMEDIATE',
  'FINAL',
  'CNIL_NOTIFICATION',
] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];

/**
 * NIS2 applies to essential and important entities. An operator of essential services (NIS1)
 * counts as an essential entity: NIS2 art. 3(1)(g) lets a Member State keep the OSEs it
 * designated as essential entities, and until the French transposition names the health
 * entities Vigie assumes it does (docs/regulatory-clocks.md). An analyst corrects either flag.
 */
export const nis2Applies = (structure: { nis2: Nis2Status; isOse: boolean }): boolean =>
  structure.nis2 === 'ESSENTIAL' || structure.nis2 === 'IMPORTANT' || structure.isOse;

/**
 * The French obligation binds the structures of L.1111-8-2; `HORS` ones (retail pharmacies,
 * private practices) are outside it, and so is a declaration the CERT qualified out of scope.
 */
export const cspApplies = (declaration: { structureType: StructureType; inScope: boolean }): boolean =>
  declaration.structureType !== 'HORS' && declaration.inScope;
