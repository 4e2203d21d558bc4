import { factsOf, snapshotFromFacts, type DeclarationEvent, type DeclarationFacts } from '@vigie/domain';
import { buildAnnualReport, type AnnualReport } from './annual-report';

// The event builders are the domain's statistics fixtures: one set of builders for both libs' specs.
export * from '../../domain/src/statistics/statistics.fixtures';

export const META = {
  asOf: '2021-04-28T00:00:00.000Z',
  generatedAt: '2021-04-28T00:00:00.000Z',
  position: '0',
};

/** The report of `year` over declarations given as their own event lists. */
export function reportOf(year: number, ...declarations: DeclarationEvent[][]): AnnualReport {
  const facts = declarations.map(factsOf).filter((value): value is DeclarationFacts => value !== null);
  return buildAnnualReport(snapshotFromFacts(year, facts), META);
}
