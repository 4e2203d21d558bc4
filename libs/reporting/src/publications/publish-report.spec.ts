import { declarationStreamId, type DeclarationEvent } from '@vigie/domain';
import { openEventStore, type EventStore } from '@vigie/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { replayReport, reportAsOf } from '../as-of';
import { qualification, qualified, requalified, submitted } from '../report.fixtures';
import { restatementsSince } from './compare-edition';
import { publishAnnualReport } from './publish-report';
import { REPORT_PUBLISHED, publicationStreamId, publicationsOf, reportChecksum } from './report-published';
import { reportCells } from './restatements';

const ANALYST = { sub: 'analyst-1', role: 'analyst' };

describe('publishing an edition of the yearly report, on a real SQLite log', () => {
  let dir: string;
  let store: EventStore;
  let now: number;
  const clock = (): Date => new Date((now += 1000));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-publish-'));
    now = Date.parse('2021-01-15T09:00:00.000Z');
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}`, { clock });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function record(event: DeclarationEvent): Promise<void> {
    const streamId = declarationStreamId(String(event.data.declarationId));
    const last = (await store.readStream(streamId)).at(-1);
    await store.append(
      streamId,
      [
        {
          id: randomUUID(),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: { actor: ANALYST, correlationId: 'test', schemaVersion: 1 },
        },
      ],
      { expectedRevision: last === undefined ? 'no_stream' : last.revision },
    );
  }

  const publish = (note: string | null = null) =>
    publishAnnualReport(store, {
      publicationId: randomUUID(),
      year: 2020,
      note,
      actor: ANALYST,
      correlationId: 'test',
      now: clock(),
    });

  it('appends ReportPublished to the year’s stream, with the report, its position and checksum', async () => {
    await record(submitted({ declarationId: 'd-1' }));
    await record(qualified('d-1'));

    const publication = await publish('Édition du 15 janvier');

    const [event] = await store.readStream(publicationStreamId(2020));
    expect(event.type).toBe(REPORT_PUBLISHED);
    expect(event.metadata.actor).toEqual(ANALYST);
    expect(publication).toMatchObject({
      year: 2020,
      position: '2',
      note: 'Édition du 15 janvier',
      publishedBy: 'analyst-1',
      recordedPosition: '3',
    });
    expect(publication.report.declarations.total).toBe(1);
    expect(publication.checksum).toBe(reportChecksum(publication.report));
    expect(publicationsOf(await store.readStream(publicationStreamId(2020)))).toEqual([publication]);
  });

  it('an edition is reproducible: replaying its bounds after later changes gives the same report', async () => {
    await record(submitted({ declarationId: 'd-1' }));
    await record(qualified('d-1'));
    const publication = await publish();
    await record(
      requalified('d-1', qualification(), qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' })),
    );
    await record(submitted({ declarationId: 'd-2', submittedAt: '2020-12-31T22:30:00.000Z' }));

    const replayed = await replayReport(
      store,
      2020,
      { asOf: new Date(publication.asOf), position: BigInt(publication.position) },
      { generatedAt: new Date(publication.publishedAt) },
    );

    expect(replayed).toEqual(publication.report);
    expect((await reportAsOf(store, 2020, clock())).declarations.total).toBe(2);
  });

  it('lists the editions of a year newest first', async () => {
    await record(submitted({ declarationId: 'd-1' }));
    const first = await publish('first');
    await record(submitted({ declarationId: 'd-2' }));
    const second = await publish('second');

    const editions = publicationsOf(await store.readStream(publicationStreamId(2020)));

    expect(editions.map((edition) => [edition.note, edition.report.declarations.total])).toEqual([
      ['second', 2],
      ['first', 1],
    ]);
    expect(editions.map((edition) => edition.publicationId)).toEqual([
      second.publicationId,
      first.publicationId,
    ]);
  });

  it('publications do not count in any report: the folds skip their stream', async () => {
    await record(submitted({ declarationId: 'd-1' }));
    const before = await reportAsOf(store, 2020, clock());
    await publish();

    const after = await reportAsOf(store, 2020, clock());

    expect(BigInt(after.position)).toBeGreaterThan(BigInt(before.position));
    expect(reportCells(after)).toEqual(reportCells(before));
  });

  it('restatements since an edition name the cells a requalification and a late declaration moved', async () => {
    await record(submitted({ declarationId: 'd-1' }));
    await record(qualified('d-1'));
    const publication = await publish();
    await record(
      requalified('d-1', qualification(), qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' })),
    );
    await record(
      submitted({ declarationId: 'd-2', structure: { ...submitted().data.structure, region: '84' } }),
    );

    const restated = await restatementsSince(store, publication, { asOf: clock() });

    expect(restated.publication).toEqual({
      id: publication.publicationId,
      position: '2',
      publishedAt: publication.publishedAt,
    });
    expect(restated.comparedWith.position).toBe('5');
    // d-1 left MALICIOUS/RANSOMWARE as d-2 came in: those two cells hold the same count and are not restated.
    expect(
      restated.changes.map((change) => [
        change.section,
        change.key,
        change.old,
        change.new,
        change.declarations,
      ]),
    ).toEqual([
      ['declarations', 'total', 1, 2, ['d-2']],
      ['declarations', 'inScope', 1, 2, ['d-2']],
      ['declarations', 'unqualified', 0, 1, ['d-2']],
      ['structures', 'withAtLeast2', 0, 1, ['d-2']],
      ['byStructureType', 'ES', 1, 2, ['d-2']],
      ['byRegion', '84', 0, 1, ['d-2']],
      ['byMonth', '03', 1, 2, ['d-2']],
      ['origin', 'NON_MALICIOUS', 0, 1, ['d-1']],
      ['nonMaliciousTypes', 'INFRA_FAILURE', 0, 1, ['d-1']],
      ['operationalImpact.declarations', 'DEGRADED', 1, 2, ['d-2']],
      ['dataImpacts', 'AVAILABILITY', 1, 2, ['d-2']],
      ['timeToDeclare', 'sameDay', 1, 2, ['d-2']],
      ['taxonomyVersions', '2026.1', 1, 2, ['d-2']],
    ]);
  });
});
