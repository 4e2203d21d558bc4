import { join } from 'node:path';
import type { DeclarationEvent } from '@vigie/domain';
import { SqliteEventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource } from '../data-source/read-data-source';
import { Projector } from '../projector/projector';
import { appendDeclarationEvents, temporaryDirectory } from '../testing/read-test-kit';
import { qualification, submittedData } from '../testing/recorded-events';
import {
  countDeclarations,
  getDeclaration,
  getTimeline,
  listDeclarations,
  type DeclarationFilter,
  type DeclarationScope,
} from './declaration-queries';
import { getFacilityHistory } from './facility-queries';
import { InvalidListQuery } from './list-query-error';

const CHU = '750712184';
const EHPAD = '130786049';
const LABO = '690000880';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const submitted = (
  n: number,
  overrides: Partial<ReturnType<typeof submittedData>> = {},
): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData({ declarationId: uuid(n), ...overrides }),
});
const structure = (finess: string, type: 'ES' | 'ESMS' | 'LBM', region: '11' | '93' | '84') => ({
  finess,
  name: `Structure ${finess}`,
  type,
  region,
  isOse: false,
  nis2: 'NONE' as const,
});

/** Hand-made declarations, each one there to be found (or not) by a filter. */
const DECLARATIONS: DeclarationEvent[][] = [
  [
    submitted(1, {
      structure: structure(CHU, 'ES', '11'),
      submittedAt: '2025-12-31T22:30:00.000Z', // 23:30 in Paris: 2025
      description: 'Sécurité du SI : 100% des serveurs chiffrés',
      patientEndangerment: 'POTENTIAL',
    }),
  ],
  [
    submitted(2, {
      structure: structure(EHPAD, 'ESMS', '93'),
      submittedAt: '2025-12-31T23:30:00.000Z', // 00:30 in Paris: 2026
      description: 'Perte du lien_telecom',
      suspectedOrigin: 'NON_MALICIOUS',
      suspectedType: 'TELECOM_LOSS',
      patientEndangerment: 'NONE',
    }),
    {
      type: 'DeclarationQualified',
      data: {
        declarationId: uuid(2),
        ...qualification({ type: 'IS_COMPROMISE' }),
        qualifiedBy: 'a',
        qualifiedAt: '2026-01-02T08:00:00.000Z',
      },
    },
  ],
  [
    submitted(3, {
      structure: structure(CHU, 'ES', '11'),
      submittedAt: '2026-03-29T01:30:00.000Z',
      description: 'Cœur de réseau : SÉCURITÉ physique',
      suspectedOrigin: 'UNKNOWN',
      suspectedType: null,
      patientEndangerment: 'ACTUAL',
    }),
    {
      type: 'DeclarationClosed',
      data: { declarationId: uuid(3), reason: 'Traité', closedBy: 'a', closedAt: '2026-04-01T08:00:00.000Z' },
    },
  ],
  [
    submitted(4, {
      structure: structure(LABO, 'LBM', '84'),
      submittedAt: '2026-06-15T10:00:00.000Z',
      description: 'Panne de lien telecom sans impact',
      suspectedOrigin: 'NON_MALICIOUS',
      suspectedType: 'INFRA_FAILURE',
      patientEndangerment: 'NONE',
    }),
  ],
];

interface Context {
  dataSource: DataSource;
  projectorDataSource: DataSource;
  projector: Projector;
  store: SqliteEventStore;
}

function queriesSuite(openReadUrl: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
  const context = {} as Context;
  let directory: ReturnType<typeof temporaryDirectory>;
  let drop: () => Promise<void>;
  const ids = async (filter: DeclarationFilter, scope: DeclarationScope = 'all') =>
    (await listDeclarations(context.dataSource, filter, scope)).items.map((item) => item.id);

  beforeAll(async () => {
    directory = temporaryDirectory('queries');
    const read = await openReadUrl();
    drop = read.drop;
    context.store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'), {
      synchronous: 'normal',
    });
    for (const events of DECLARATIONS) await appendDeclarationEvents(context.store, events);
    context.dataSource = await openReadDataSource(read.url);
    context.projectorDataSource = await openReadDataSource(read.url);
    context.projector = new Projector({
      store: context.store,
      dataSource: context.projectorDataSource,
      pollIntervalMs: 20,
    });
    await context.projector.catchUp();
  });

  afterAll(async () => {
    await context.projector?.stop();
    await context.projectorDataSource?.destroy();
    await context.dataSource?.destroy();
    await context.store?.close();
    await drop?.();
    directory?.remove();
  });

  it('lists newest first without filters', async () => {
    expect(await ids({})).toEqual([uuid(4), uuid(3), uuid(2), uuid(1)]);
  });

  it('year is the Europe/Paris year of submittedAt (31 Dec 23:30 Paris is that year, 00:30 the next)', async () => {
    expect(await ids({ year: 2025 })).toEqual([uuid(1)]);
    expect(await ids({ year: 2026 })).toEqual([uuid(4), uuid(3), uuid(2)]);
  });

  it('from is inclusive and to exclusive, in any offset', async () => {
    expect(await ids({ from: '2026-01-01T00:30:00+01:00' })).toEqual([uuid(4), uuid(3), uuid(2)]);
    expect(await ids({ to: '2026-01-01T00:30:00+01:00' })).toEqual([uuid(1)]);
    expect(await ids({ from: '2026-01-01T00:00:00Z', to: '2026-06-15T10:00:00Z' })).toEqual([uuid(3)]);
  });

  it('filters by region, structure type and FINESS (one or several)', async () => {
    expect(await ids({ region: '93' })).toEqual([uuid(2)]);
    expect(await ids({ structureType: 'ES' })).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ finess: LABO })).toEqual([uuid(4)]);
    expect(await ids({ finess: `${LABO},${EHPAD}` })).toEqual([uuid(4), uuid(2)]);
    expect(await ids({ finess: [CHU] })).toEqual([uuid(3), uuid(1)]);
  });

  it('origin and type: the qualification wins over the suspicion', async () => {
    expect(await ids({ origin: 'MALICIOUS' })).toEqual([uuid(2), uuid(1)]);
    expect(await ids({ origin: 'NON_MALICIOUS' })).toEqual([uuid(4)]);
    expect(await ids({ origin: 'UNKNOWN' })).toEqual([uuid(3)]);
    expect(await ids({ type: 'IS_COMPROMISE' })).toEqual([uuid(2)]);
    expect(await ids({ type: 'TELECOM_LOSS' })).toEqual([]);
  });

  it('filters by status and patient endangerment', async () => {
    expect(await ids({ status: 'CLOSED' })).toEqual([uuid(3)]);
    expect(await ids({ status: 'QUALIFIED' })).toEqual([uuid(2)]);
    expect(await ids({ status: 'SUBMITTED' })).toEqual([uuid(4), uuid(1)]);
    expect(await ids({ patientEndangerment: 'ACTUAL' })).toEqual([uuid(3)]);
    expect(await ids({ patientEndangerment: 'NONE', year: 2026 })).toEqual([uuid(4), uuid(2)]);
  });

  it('text search ignores case and accents', async () => {
    expect(await ids({ q: 'securite' })).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ q: 'SÉCURITÉ' })).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ q: 'coeur' })).toEqual([uuid(3)]);
    expect(await ids({ q: 'Cœur de RÉSEAU' })).toEqual([uuid(3)]);
  });

  it('text search takes % and _ literally', async () => {
    expect(await ids({ q: '100%' })).toEqual([uuid(1)]);
    expect(await ids({ q: '%' })).toEqual([uuid(1)]);
    expect(await ids({ q: 'lien_telecom' })).toEqual([uuid(2)]);
    expect(await ids({ q: '_' })).toEqual([uuid(2)]);
    expect(await ids({ q: 'lien telecom' })).toEqual([uuid(4)]);
  });

  it('a declarant sees only its facilities', async () => {
    const declarant = { finess: [CHU] };
    expect(await ids({}, declarant)).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ finess: EHPAD }, declarant)).toEqual([]);
    expect(await ids({}, { finess: [] })).toEqual([]);
    expect(await getDeclaration(context.dataSource, uuid(2), declarant)).toBeNull();
    expect((await getDeclaration(context.dataSource, uuid(1), declarant))?.structure.finess).toBe(CHU);
  });

  it('refuses a limit outside 1–200, a bad instant and a forged cursor, naming the field', async () => {
    for (const [filter, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'],
      [{ from: 'yesterday' }, 'from'],
      [{ cursor: 'bm9wZQ' }, 'cursor'],
    ] as const) {
      await expect(listDeclarations(context.dataSource, filter, 'all')).rejects.toMatchObject({
        name: InvalidListQuery.name,
        field,
      });
    }
  });

  it('reads one declaration, its timeline and its facility history', async () => {
    const view = await getDeclaration(context.dataSource, uuid(2));
    expect(view).toMatchObject({
      id: uuid(2),
      status: 'QUALIFIED',
      revision: 1,
      qualification: { origin: 'MALICIOUS', type: 'IS_COMPROMISE' },
    });
    expect(await getDeclaration(context.dataSource, uuid(99))).toBeNull();
    const timeline = await getTimeline(context.dataSource, uuid(2));
    expect(timeline.map((entry) => [entry.revision, entry.type, entry.by])).toEqual([
      [0, 'DeclarationSubmitted', 'analyst-1'],
      [1, 'DeclarationQualified', 'analyst-1'],
    ]);
    expect(await getTimeline(context.dataSource, uuid(99))).toEqual([]);
    expect(await getFacilityHistory(context.dataSource, CHU)).toMatchObject({
      finess: CHU,
      declarations: 2,
      openDeclarations: 1,
      firstSubmittedAt: '2025-12-31T22:30:00.000Z',
      lastSubmittedAt: '2026-03-29T01:30:00.000Z',
      lastDeclarationId: uuid(3),
      byOrigin: { MALICIOUS: 1, NON_MALICIOUS: 0, UNKNOWN: 1 },
      worstPatientEndangerment: 'ACTUAL',
    });
    expect(await getFacilityHistory(context.dataSource, '000000000')).toBeNull();
  });

  it('pages through many declarations with no duplicate, no gap and a stable order', async () => {
    const instants = ['2024-05-01T10:00:00.000Z', '2024-05-02T10:00:00.000Z', '2024-05-03T10:00:00.000Z'];
    for (let n = 100; n < 157; n++) {
      await appendDeclarationEvents(context.store, [
        submitted(n, { structure: structure(LABO, 'LBM', '84'), submittedAt: instants[n % 3] }),
      ]);
    }
    await context.projector.catchUp();
    const expected = (await ids({ year: 2024, limit: 200 })).slice();
    expect(expected).toHaveLength(57);
    const sorted = [...expected].sort((a, b) => {
      const at = (id: string) => instants[Number(id.slice(-3)) % 3];
      return at(b).localeCompare(at(a)) || (b < a ? -1 : 1);
    });
    expect(expected).toEqual(sorted);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listDeclarations(context.dataSource, { year: 2024, limit: 10, cursor }, 'all');
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(expected);
  });

  it.each(['status', '-status', 'structureName', '-updatedAt', 'patientEndangerment'])(
    'sort=%s pages in that order, ties by id, with no duplicate and no gap; a cursor belongs to its sort',
    async (sort) => {
      const all = (await listDeclarations(context.dataSource, { limit: 200 }, 'all')).items;
      const key = sort.replace(/^-/, '') as 'status' | 'structureName' | 'updatedAt' | 'patientEndangerment';
      const sign = sort.startsWith('-') ? -1 : 1;
      const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const expected = [...all]
        .sort((a, b) => sign * (compare(String(a[key]), String(b[key])) || compare(a.id, b.id)))
        .map((item) => item.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDeclarations(context.dataSource, { sort, limit: 7, cursor }, 'all');
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
      const first = await listDeclarations(context.dataSource, { sort, limit: 2 }, 'all');
      await expect(
        listDeclarations(context.dataSource, { limit: 2, cursor: first.nextCursor ?? '' }, 'all'),
      ).rejects.toThrow(InvalidListQuery);
    },
  );

  it('counts by status what the filters select, whatever the status filter says', async () => {
    const all = (await listDeclarations(context.dataSource, { limit: 200 }, 'all')).items;
    const expected = Object.fromEntries(
      ['SUBMITTED', 'COMPLEMENT_REQUESTED', 'QUALIFIED', 'RESOLVED', 'CLOSED'].map((status) => [
        status,
        all.filter((item) => item.status === status).length,
      ]),
    );
    expect(await countDeclarations(context.dataSource, { status: 'CLOSED' }, 'all')).toEqual({
      total: all.length,
      byStatus: expected,
    });
    const chu = all.filter((item) => item.finess === CHU);
    const declarantCounts = await countDeclarations(context.dataSource, {}, { finess: [CHU] });
    expect(declarantCounts.total).toBe(chu.length);
    expect((await countDeclarations(context.dataSource, {}, { finess: [] })).total).toBe(0);
  });

  it('refuses a sort it does not know, naming sort', async () => {
    await expect(listDeclarations(context.dataSource, { sort: 'description' }, 'all')).rejects.toMatchObject({
      field: 'sort',
    });
  });

  it('waitFor: after an append, the read models answer with it (read-your-writes)', async () => {
    await context.projector.start();
    const position = await appendDeclarationEvents(context.store, [
      {
        type: 'DeclarationClosed',
        data: {
          declarationId: uuid(1),
          reason: 'Traité',
          closedBy: 'a',
          closedAt: '2026-01-05T08:00:00.000Z',
        },
      },
    ]);
    expect(await context.projector.waitFor(position, 5000)).toBe(true);
    expect((await getDeclaration(context.dataSource, uuid(1)))?.status).toBe('CLOSED');
    expect(await context.projector.waitFor(position + 1000n, 150)).toBe(false);
    const [summary] = context.projector.metrics();
    expect(summary).toMatchObject({ name: 'declaration-summary', position, running: true, lastError: null });
  });
}

describe('declaration queries [sqlite]', () => {
  queriesSuite(async () => {
    const directory = temporaryDirectory('read');
    return { url: `sqlite:${join(directory.path, 'read.sqlite')}`, drop: async () => directory.remove() };
  });
});

describePostgres('declaration queries', () => {
  queriesSuite(() => createTestDatabase('vigie_read_queries'));
});
