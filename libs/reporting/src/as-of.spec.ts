import fc from 'fast-check';
import {
  OPERATIONAL_IMPACTS,
  applyCells,
  clockStatus,
  evolveFacts,
  evolveRegulatoryFacts,
  onTimeShares,
  scheduleOf,
  structureDelta,
  toDeclarationEvent,
  type AnnualStatisticsSnapshot,
  type DeclarationFacts,
  type RegulatoryFacts,
  type StructureYearStats,
} from '@vigie/domain';
import { buildAnnualReport } from './annual-report';
import { asOfFold, type LoggedEvent } from './as-of';
import { META, qualification, submitted } from './report.fixtures';
import { FROM, TO, streamArb } from './testing/declaration-log.arbitraries';

const YEAR = 2020;

/** Streams interleaved by instant, as a store records them: `recordedAt` never goes back along the log. */
const logArb = fc.integer({ min: 1, max: 12 }).chain((count) =>
  fc.tuple(...Array.from({ length: count }, (_, i) => streamArb(`d-${i}`))).map((streams) =>
    streams
      .flatMap((events, i) =>
        events.map((entry, revision) => ({ ...entry, streamId: `declaration-d-${i}`, revision })),
      )
      .sort((a, b) => a.at - b.at || a.streamId.localeCompare(b.streamId) || a.revision - b.revision)
      .map(({ at, event, streamId }): LoggedEvent => ({
        streamId,
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        recordedAt: new Date(at).toISOString(),
      })),
  ),
);

/**
 * The read-model way: one running sum of cells per year, each event moving its declaration's
 * cells; and, as the deadlines read model does, each declaration's scheduled clocks, whose status
 * is computed when read.
 */
function incrementalSnapshot(log: LoggedEvent[], year: number, asOf: number): AnnualStatisticsSnapshot {
  const facts = new Map<string, DeclarationFacts | null>();
  const regulatory = new Map<string, RegulatoryFacts | null>();
  const cells = new Map<number, Record<string, number>>();
  const rows = new Map<string, StructureYearStats>();
  const cellsOfYear = (y: number) => cells.get(y) ?? cells.set(y, {}).get(y)!;
  const move = (declaration: DeclarationFacts, sign: 1 | -1) => {
    applyCells(cellsOfYear(declaration.year), declaration, sign);
    const delta = structureDelta(declaration, sign);
    const key = `${delta.year}/${delta.finess}`;
    const row = rows.get(key) ?? {
      finess: delta.finess,
      declarations: 0,
      impacts: { NONE: 0, DEGRADED: 0, INTERRUPTION: 0 },
    };
    row.declarations += delta.declarations;
    for (const impact of OPERATIONAL_IMPACTS) row.impacts[impact] += delta.impacts[impact];
    rows.set(key, row);
  };
  for (const recorded of log) {
    if (Date.parse(recorded.recordedAt) > asOf) break;
    const id = String(recorded.data.declarationId);
    const before = facts.get(id) ?? null;
    const after = evolveFacts(before, toDeclarationEvent(recorded));
    if (before) move(before, -1);
    if (after) move(after, 1);
    facts.set(id, after);
    regulatory.set(id, evolveRegulatoryFacts(regulatory.get(id) ?? null, toDeclarationEvent(recorded)));
  }
  const deadlineRows = [...regulatory]
    .filter(([id, clocks]) => clocks !== null && facts.get(id)?.year === year)
    .flatMap(([, clocks]) => scheduleOf(clocks!))
    .map((row) => ({ ...row, status: clockStatus(row, asOf) }));
  return {
    deadlines: onTimeShares(deadlineRows),
    year,
    cells: cellsOfYear(year),
    structures: [...rows].filter(([key]) => key.startsWith(`${year}/`)).map(([, row]) => row),
    previousYearTotal: cellsOfYear(year - 1)['declarations/total'] ?? 0,
  };
}

describe('asOf', () => {
  it('the report replayed from the log up to T equals the one a read model maintained incrementally up to T', () => {
    fc.assert(
      fc.property(logArb, fc.integer({ min: FROM, max: TO + 50 * 86_400_000 }), (log, instant) => {
        const fold = asOfFold(YEAR, new Date(instant));
        for (const recorded of log) fold.add(recorded);
        const replayed = buildAnnualReport(fold.snapshot(), META);
        const maintained = buildAnnualReport(incrementalSnapshot(log, YEAR, instant), META);
        expect(replayed).toEqual(maintained);
      }),
      { numRuns: 300 },
    );
  });

  it('what was recorded after T does not count', () => {
    const log: LoggedEvent[] = [
      {
        streamId: 'declaration-a',
        type: 'DeclarationSubmitted',
        data: submitted({ declarationId: 'a' }).data as never,
        recordedAt: '2020-03-02T09:00:00.000Z',
      },
      {
        streamId: 'declaration-a',
        type: 'DeclarationQualified',
        data: {
          declarationId: 'a',
          ...qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' }),
          qualifiedBy: 'a',
          qualifiedAt: '2020-03-10T09:00:00.000Z',
        },
        recordedAt: '2020-03-10T09:00:00.000Z',
      },
    ];
    const at = (instant: string) => {
      const fold = asOfFold(2020, new Date(instant));
      log.forEach((recorded) => fold.add(recorded));
      return buildAnnualReport(fold.snapshot(), META);
    };
    expect(at('2020-03-01T00:00:00.000Z').declarations.total).toBe(0);
    expect(at('2020-03-05T00:00:00.000Z').origin).toEqual({ MALICIOUS: 1, NON_MALICIOUS: 0, UNKNOWN: 0 });
    expect(at('2020-03-10T09:00:00.000Z').origin).toEqual({ MALICIOUS: 0, NON_MALICIOUS: 1, UNKNOWN: 0 });
  });
});
