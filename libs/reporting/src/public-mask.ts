import type { AnnualReport, DeadlinesSection, Masked, StageOnTime } from './annual-report';

export type PublicReport = AnnualReport<number | Masked>;
export type AnyReport = AnnualReport | PublicReport;

/** Statistical secrecy: a count of 1 to 4 could point at one facility; 0 points at nobody. */
export const maskCount = (count: number): number | Masked => (count >= 1 && count <= 4 ? '<5' : count);

const maskTable = <K extends string>(table: Record<K, number>): Record<K, number | Masked> =>
  Object.fromEntries(Object.entries<number>(table).map(([key, value]) => [key, maskCount(value)])) as Record<
    K,
    number | Masked
  >;

/** A share is withheld wherever its count is: otherwise `share × total` would give the count back. */
const maskShares = <K extends string>(
  shares: Record<K, number | null>,
  counts: Record<K, number>,
): Record<K, number | null> =>
  Object.fromEntries(
    Object.entries<number | null>(shares).map(([key, value]) => [
      key,
      isMasked(counts[key as K]) ? null : value,
    ]),
  ) as Record<K, number | null>;

const isMasked = (count: number): boolean => maskCount(count) === '<5';

/**
 * The report as published (`public=true`). Masking is primary only: a masked cell can sometimes be
 * recomputed from a total and its visible neighbours; docs/report.md says so.
 */
export function maskReport(report: AnnualReport): PublicReport {
  const { declarations, shares } = report;
  const endangered = report.patientEndangerment.POTENTIAL + report.patientEndangerment.ACTUAL;
  return {
    ...report,
    public: true,
    declarations: {
      ...maskTable({
        total: declarations.total,
        inScope: declarations.inScope,
        outOfScope: declarations.outOfScope,
        unqualified: declarations.unqualified,
        previousYearTotal: declarations.previousYearTotal,
      }),
      evolution:
        isMasked(declarations.total) || isMasked(declarations.previousYearTotal)
          ? null
          : declarations.evolution,
    },
    structures: maskTable(report.structures),
    byStructureType: maskTable(report.byStructureType),
    byRegion: maskTable(report.byRegion),
    byMonth: maskTable(report.byMonth),
    origin: maskTable(report.origin),
    maliciousTypes: maskTable(report.maliciousTypes),
    nonMaliciousTypes: maskTable(report.nonMaliciousTypes),
    operationalImpact: {
      declarations: maskTable(report.operationalImpact.declarations),
      structures: maskTable(report.operationalImpact.structures),
    },
    patientEndangerment: maskTable(report.patientEndangerment),
    dataImpacts: maskTable(report.dataImpacts),
    support: {
      requested: maskCount(report.support.requested),
      interventions: maskTable(report.support.interventions),
    },
    timeToDeclare: maskTable(report.timeToDeclare),
    deadlines: maskDeadlines(report.deadlines),
    shares: {
      origin: maskShares(shares.origin, report.origin),
      byStructureType: maskShares(shares.byStructureType, report.byStructureType),
      structuresByImpact: maskShares(shares.structuresByImpact, report.operationalImpact.structures),
      patientEndangerment: isMasked(endangered) ? null : shares.patientEndangerment,
      supportRequested: isMasked(report.support.requested) ? null : shares.supportRequested,
    },
  };
}

/** A share on time is withheld when the clocks met on time, or those fallen due, are masked. */
function maskStage({ shareOnTime, ...counts }: StageOnTime): StageOnTime<number | Masked> {
  const settled = counts.met + counts.metLate + counts.overdue;
  return {
    ...maskTable(counts),
    shareOnTime: isMasked(counts.met) || isMasked(settled) ? null : shareOnTime,
  };
}

function maskDeadlines(deadlines: DeadlinesSection | undefined): DeadlinesSection<number | Masked> {
  const regime = <T extends Record<string, StageOnTime>>(stages: T) =>
    Object.fromEntries(Object.entries(stages).map(([stage, row]) => [stage, maskStage(row)])) as {
      [K in keyof T]: StageOnTime<number | Masked>;
    };
  // An edition published before the section existed has none to mask.
  if (deadlines === undefined) return deadlines as unknown as DeadlinesSection<number | Masked>;
  return { CSP: regime(deadlines.CSP), NIS2: regime(deadlines.NIS2), GDPR: regime(deadlines.GDPR) };
}
