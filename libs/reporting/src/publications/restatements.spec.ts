import type { DeclarationEvent } from '@vigie/domain';
import { buildAnnualReport, type AnnualReport } from '../annual-report';
import { asOfFold, type LogBound, type LoggedEvent } from '../as-of';
import { META, amended, qualification, qualified, requalified, submitted } from '../report.fixtures';
import { editionFold } from './compare-edition';
import { reportCells, restatements, type Restatement } from './restatements';

const YEAR = 2020;

/** A log in position order (1, 2, …), each event recorded one day after the previous one. */
function logOf(...events: DeclarationEvent[]): LoggedEvent[] {
  return events.map((event, index) => ({
    streamId: `declaration-${String(event.data.declarationId)}`,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    recordedAt: new Date(Date.parse('2020-03-01T12:00:00.000Z') + index * 86_400_000).toISOString(),
    position: BigInt(index + 1),
  }));
}

/** Given a log, an edition published at `edition` and the report at `compared`: the restatements. */
function restatementsOf(log: LoggedEvent[], edition: LogBound, compared: LogBound = {}): Restatement[] {
  const published = asOfFold(YEAR, edition);
  log.forEach((recorded) => published.add(recorded));
  const fold = editionFold(YEAR, edition, compared);
  log.forEach((recorded) => fold.add(recorded));
  return restatements(fold.comparison(buildAnnualReport(published.snapshot(), META)));
}

const cell = (
  section: string,
  key: string,
  old: number,
  now: number,
  declarations: string[],
): Restatement => ({
  section,
  key,
  old,
  new: now,
  declarations,
});

const lateDeclaration = submitted({
  declarationId: 'd-2',
  structure: { finess: '690000880', name: 'EHPAD', type: 'ESMS', region: '84', isOse: false, nis2: 'NONE' },
  detectedAt: '2020-06-10T07:00:00.000Z',
  submittedAt: '2020-06-10T08:00:00.000Z',
  suspectedOrigin: 'NON_MALICIOUS',
  suspectedType: 'INFRA_FAILURE',
  operationalImpact: 'NONE',
  dataImpacts: [],
});

describe('restatements of a published edition', () => {
  it('a requalification moves its declaration from one origin and typology to the other', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      qualified('d-1'),
      requalified('d-1', qualification(), qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' })),
    );

    const changes = restatementsOf(log, { position: 2n });

    expect(changes).toEqual([
      cell('origin', 'MALICIOUS', 1, 0, ['d-1']),
      cell('origin', 'NON_MALICIOUS', 0, 1, ['d-1']),
      cell('maliciousTypes', 'RANSOMWARE', 1, 0, ['d-1']),
      cell('nonMaliciousTypes', 'INFRA_FAILURE', 0, 1, ['d-1']),
    ]);
  });

  it('a late declaration of the year adds to each of its cells, and its structure to the structure counts', () => {
    const log = logOf(submitted({ declarationId: 'd-1' }), qualified('d-1'), lateDeclaration);

    const changes = restatementsOf(log, { position: 2n });

    expect(changes).toEqual([
      cell('declarations', 'total', 1, 2, ['d-2']),
      cell('declarations', 'inScope', 1, 2, ['d-2']),
      cell('declarations', 'unqualified', 0, 1, ['d-2']),
      cell('structures', 'declaring', 1, 2, ['d-2']),
      cell('byStructureType', 'ESMS', 0, 1, ['d-2']),
      cell('byRegion', '84', 0, 1, ['d-2']),
      cell('byMonth', '06', 0, 1, ['d-2']),
      cell('origin', 'NON_MALICIOUS', 0, 1, ['d-2']),
      cell('nonMaliciousTypes', 'INFRA_FAILURE', 0, 1, ['d-2']),
      cell('operationalImpact.declarations', 'NONE', 0, 1, ['d-2']),
      cell('operationalImpact.structures', 'NONE', 0, 1, ['d-2']),
      cell('timeToDeclare', 'sameDay', 1, 2, ['d-2']),
      cell('taxonomyVersions', '2026.1', 1, 2, ['d-2']),
    ]);
  });

  it('a degraded mode that ends moves its declaration from ongoing to ended, with its declaration', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      amended('DegradedModeStartAmended', 'd-1', null, '2020-03-01T08:00:00.000Z'),
      amended('DegradedModeEndAmended', 'd-1', null, '2020-03-02T08:00:00.000Z'),
    );
    expect(restatementsOf(log, { position: 2n })).toEqual([
      cell('degradedMode.ended', 'ES', 0, 1, ['d-1']),
      cell('degradedMode.ended', 'total', 0, 1, ['d-1']),
      cell('degradedMode.ongoing', 'ES', 1, 0, ['d-1']),
      cell('degradedMode.ongoing', 'total', 1, 0, ['d-1']),
    ]);
  });

  it('an edition published before a table existed restates nothing of that table', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      amended('DegradedModeStartAmended', 'd-1', null, '2020-03-01T08:00:00.000Z'),
    );
    const published = asOfFold(YEAR, {});
    log.forEach((recorded) => published.add(recorded));
    const older = buildAnnualReport(published.snapshot(), META) as Partial<AnnualReport>;
    delete older.degradedMode;
    const fold = editionFold(YEAR, {}, {});
    log.forEach((recorded) => fold.add(recorded));
    expect(restatements(fold.comparison(older as AnnualReport))).toEqual([]);
  });

  it('a declaration amended back to the value the edition counted restates nothing', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      amended('OperationalImpactAmended', 'd-1', 'DEGRADED', 'INTERRUPTION'),
      amended('OperationalImpactAmended', 'd-1', 'INTERRUPTION', 'DEGRADED'),
    );

    expect(restatementsOf(log, { position: 1n })).toEqual([]);
  });

  it('compared at an instant, only what was recorded by then counts', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      amended('OperationalImpactAmended', 'd-1', 'DEGRADED', 'INTERRUPTION'),
      amended('OperationalImpactAmended', 'd-1', 'INTERRUPTION', 'DEGRADED'),
    );

    const changes = restatementsOf(log, { position: 1n }, { asOf: new Date(log[1].recordedAt) });

    expect(changes).toEqual([
      cell('operationalImpact.declarations', 'DEGRADED', 1, 0, ['d-1']),
      cell('operationalImpact.declarations', 'INTERRUPTION', 0, 1, ['d-1']),
      cell('operationalImpact.structures', 'DEGRADED', 1, 0, ['d-1']),
      cell('operationalImpact.structures', 'INTERRUPTION', 0, 1, ['d-1']),
    ]);
  });

  it("a structure's worst impact is restated with the declaration that changed it, not its other declarations", () => {
    const log = logOf(
      submitted({ declarationId: 'd-1', operationalImpact: 'DEGRADED' }),
      submitted({ declarationId: 'd-3', operationalImpact: 'NONE', patientEndangerment: 'POTENTIAL' }),
      amended('OperationalImpactAmended', 'd-3', 'NONE', 'INTERRUPTION'),
      amended('PatientEndangermentAmended', 'd-1', 'NONE', 'ACTUAL'),
    );

    const changes = restatementsOf(log, { position: 2n });

    expect(changes).toEqual([
      cell('operationalImpact.declarations', 'NONE', 1, 0, ['d-3']),
      cell('operationalImpact.declarations', 'INTERRUPTION', 0, 1, ['d-3']),
      cell('operationalImpact.structures', 'DEGRADED', 1, 0, ['d-3']),
      cell('operationalImpact.structures', 'INTERRUPTION', 0, 1, ['d-3']),
      cell('patientEndangerment', 'ACTUAL', 0, 1, ['d-1']),
    ]);
  });

  it('a declaration of the year before restates previousYearTotal only', () => {
    const log = logOf(
      submitted({ declarationId: 'd-1' }),
      submitted({ declarationId: 'd-0', submittedAt: '2019-11-04T10:00:00.000Z' }),
    );

    expect(restatementsOf(log, { position: 1n })).toEqual([
      cell('declarations', 'previousYearTotal', 0, 1, ['d-0']),
    ]);
  });

  it('the old values are those the edition published, even where a replay would now count otherwise', () => {
    const log = logOf(submitted({ declarationId: 'd-1' }));
    const edition = asOfFold(YEAR, { position: 1n });
    log.forEach((recorded) => edition.add(recorded));
    const published = buildAnnualReport(edition.snapshot(), META);
    published.byRegion['11'] = 7;
    const fold = editionFold(YEAR, { position: 1n }, {});
    log.forEach((recorded) => fold.add(recorded));

    expect(restatements(fold.comparison(published))).toEqual([cell('byRegion', '11', 7, 1, [])]);
  });
});

describe('reportCells', () => {
  it('names every count as the statistics cells do, without the derived figures', () => {
    const report = buildAnnualReport({ year: YEAR, cells: {}, structures: [], previousYearTotal: 3 }, META);
    const cells = reportCells(report);

    expect(cells).toContainEqual({ section: 'declarations', key: 'previousYearTotal', value: 3 });
    expect(cells).toContainEqual({ section: 'support', key: 'requested', value: 0 });
    expect(cells).toContainEqual({ section: 'support.interventions', key: 'ANSSI_FSSI', value: 0 });
    expect(cells).toContainEqual({ section: 'operationalImpact.structures', key: 'INTERRUPTION', value: 0 });
    expect(cells.some((entry) => entry.key === 'evolution' || entry.section.startsWith('shares'))).toBe(
      false,
    );
  });
});
