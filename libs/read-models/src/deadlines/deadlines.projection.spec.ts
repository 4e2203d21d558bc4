import { join } from 'node:path';
import { DEFAULT_CLOCK_POLICY, type DeclarationEvent } from '@vigie/domain';
import { SqliteEventStore } from '@vigie/event-store';
import { openReadDataSource } from '../data-source/read-data-source';
import { Projector } from '../projector/projector';
import { foldRow, sumRows } from '../testing/fold';
import { appendDeclarationEvents, temporaryDirectory } from '../testing/read-test-kit';
import { DECLARATION_ID, at, qualification, recorded, submittedData } from '../testing/recorded-events';
import { getDeclarationClocks, listDeadlines } from './deadline-queries';
import type { DeadlineDeclarationRow, DeadlineShareRow } from './deadline.entity';
import {
  deadlineDeclarationProjection,
  deadlineRows,
  deadlineShareSums,
  deadlines,
} from './deadlines.projection';

const essential = {
  finess: '750712184',
  name: 'CHU X',
  type: 'ES' as const,
  region: '11' as const,
  isOse: false,
  nis2: 'ESSENTIAL' as const,
};
const submitted = (overrides: Parameters<typeof submittedData>[0] = {}): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData({ structure: essential, ...overrides }),
});
const notified = (minutes: number): DeclarationEvent => ({
  type: 'StagedReportSubmitted',
  data: {
    declarationId: DECLARATION_ID,
    reportId: 'n',
    stage: 'NOTIFICATION',
    content: 'c',
    requestId: null,
    submittedBy: 'd',
    submittedAt: at(minutes),
  },
});
const policy = () => DEFAULT_CLOCK_POLICY;
const rowsOf = (events: DeclarationEvent[]) => {
  const source = foldRow(deadlineDeclarationProjection, recorded(events));
  return source === null ? new Map() : sumRows(deadlineRows(policy), [[source, 1]]);
};

describe('deadlines projection', () => {
  it('one row per clock, keyed by declaration and clock, with due and met instants only', () => {
    const rows = rowsOf([submitted(), notified(60)]);
    expect([...rows.keys()]).toEqual([
      `${DECLARATION_ID}/CSP/DECLARATION`,
      `${DECLARATION_ID}/NIS2/EARLY_WARNING`,
      `${DECLARATION_ID}/NIS2/NOTIFICATION`,
      `${DECLARATION_ID}/NIS2/FINAL`,
    ]);
    expect(rows.get(`${DECLARATION_ID}/NIS2/NOTIFICATION`)).toEqual({
      key: `${DECLARATION_ID}/NIS2/NOTIFICATION`,
      declarationId: DECLARATION_ID,
      clockId: 'NIS2/NOTIFICATION',
      regime: 'NIS2',
      stage: 'NOTIFICATION',
      requestId: null,
      finess: '750712184',
      structureName: 'CHU X',
      region: '11',
      dueAt: '2026-03-05T07:05:00.000Z',
      metAt: at(60),
      declarationClosed: false,
      year: 2026,
    });
  });

  it('a change of regime replaces the rows: the old ones go, the new ones come', () => {
    const before = foldRow(deadlineDeclarationProjection, recorded([submitted()]))!;
    const events: DeclarationEvent[] = [
      submitted(),
      {
        type: 'StructureNis2StatusAmended',
        data: {
          declarationId: DECLARATION_ID,
          from: 'ESSENTIAL',
          to: 'NONE',
          amendedBy: 'a',
          amendedAt: at(5),
        },
      },
    ];
    const after = foldRow(deadlineDeclarationProjection, recorded(events))!;
    const rows = sumRows(deadlineRows(policy), [
      [before, 1],
      [before, -1],
      [after, 1],
    ]);
    expect([...rows.keys()]).toEqual([`${DECLARATION_ID}/CSP/DECLARATION`]);
  });

  it('an event no clock depends on leaves the row as it was (nothing is rewritten)', () => {
    const source = foldRow(deadlineDeclarationProjection, recorded([submitted()]))!;
    const [later] = recorded(
      [
        {
          type: 'AuthorityNotified',
          data: {
            declarationId: DECLARATION_ID,
            authority: 'HFDS',
            region: null,
            outcome: 'delivered',
            attempts: 1,
            deliveryId: 'x',
            at: at(1),
          },
        },
      ],
      { firstRevision: 1 },
    );
    expect(deadlineDeclarationProjection.evolve(source, later)).toBe(source);
  });

  it('replays safely: an event at or below the row’s revision changes nothing', () => {
    const events = recorded([submitted(), notified(60)]);
    const source = foldRow(deadlineDeclarationProjection, events)!;
    expect(deadlineDeclarationProjection.evolve(source, events[1])).toBe(source);
  });

  it('odd data does not stop the feed', () => {
    const [odd] = recorded([
      {
        type: 'DeclarationSubmitted',
        data: { declarationId: DECLARATION_ID },
      } as unknown as DeclarationEvent,
    ]);
    expect(foldRow(deadlineDeclarationProjection, [odd])).toBeNull();
  });
});

/** The share rows after the events, moved as the projector moves them: old clocks out, new clocks in. */
function sharesAfter(events: DeclarationEvent[]): Record<string, Omit<DeadlineShareRow, 'key'>> {
  let source: DeadlineDeclarationRow | null = null;
  let shares = new Map<string, DeadlineShareRow>();
  for (const event of recorded(events)) {
    const next = deadlineDeclarationProjection.evolve(source, event);
    if (next === source) continue;
    const moves: [DeadlineDeclarationRow, 1 | -1][] = [];
    if (source) moves.push([source, -1]);
    if (next) moves.push([next, 1]);
    shares = sumRows(deadlineShareSums(policy), moves, shares);
    source = next;
  }
  return Object.fromEntries([...shares].map(([key, { key: _key, ...row }]) => [key, row]));
}

const share = (regime: string, stage: string, met: number, metLate: number, unmet: number) => ({
  year: 2026,
  regime,
  stage,
  met,
  metLate,
  unmet,
});

describe('deadline shares (sums for the yearly report)', () => {
  const withData = submitted({ dataImpacts: ['CONFIDENTIALITY'] });

  it('a submission counts each clock once, met, met late or not met yet, under its Paris year', () => {
    expect(sharesAfter([withData])).toEqual({
      '2026/CSP/DECLARATION': share('CSP', 'DECLARATION', 1, 0, 0),
      '2026/NIS2/EARLY_WARNING': share('NIS2', 'EARLY_WARNING', 1, 0, 0),
      '2026/NIS2/NOTIFICATION': share('NIS2', 'NOTIFICATION', 0, 0, 1),
      '2026/NIS2/FINAL': share('NIS2', 'FINAL', 0, 0, 1),
      '2026/GDPR/CNIL_NOTIFICATION': share('GDPR', 'CNIL_NOTIFICATION', 0, 0, 1),
    });
    // 00:30 in Paris on 1 January: the declaration is one of 2026, as declaration_summary says.
    const newYear = sharesAfter([
      submitted({ detectedAt: '2025-12-31T20:00:00.000Z', submittedAt: '2025-12-31T23:30:00.000Z' }),
    ]);
    expect(Object.keys(newYear)).toContain('2026/CSP/DECLARATION');
  });

  it('a stage met exactly at its due instant is met; one instant later it is met late', () => {
    // Detected 07:05, CSP due 24 h later (the test policy).
    const onTime = sharesAfter([submitted({ submittedAt: '2026-03-03T07:05:00.000Z' })]);
    expect(onTime['2026/CSP/DECLARATION']).toEqual(share('CSP', 'DECLARATION', 1, 0, 0));
    const late = sharesAfter([submitted({ submittedAt: '2026-03-03T07:05:00.001Z' })]);
    expect(late['2026/CSP/DECLARATION']).toEqual(share('CSP', 'DECLARATION', 0, 1, 0));
  });

  it('reports move clocks from not met to met or met late; intermediate requests add up in one row', () => {
    const events: DeclarationEvent[] = [
      withData,
      // 80 h after submission: the 72 h notification is late.
      notified(80 * 60),
      {
        type: 'CnilNotificationDeclared',
        data: {
          declarationId: DECLARATION_ID,
          notifiedAt: at(60),
          reference: 'CNIL-1',
          declaredBy: 'd',
          declaredAt: at(61),
        },
      },
      ...['r1', 'r2'].map((requestId): DeclarationEvent => ({
        type: 'IntermediateReportRequested',
        data: {
          declarationId: DECLARATION_ID,
          requestId,
          dueAt: at(10 * 24 * 60),
          reason: 'r',
          requestedBy: 'a',
          requestedAt: at(100 * 60),
        },
      })),
      {
        type: 'StagedReportSubmitted',
        data: {
          declarationId: DECLARATION_ID,
          reportId: 'i1',
          stage: 'INTERMEDIATE',
          content: 'c',
          requestId: 'r1',
          submittedBy: 'd',
          submittedAt: at(5 * 24 * 60),
        },
      },
    ];
    expect(sharesAfter(events)).toEqual({
      '2026/CSP/DECLARATION': share('CSP', 'DECLARATION', 1, 0, 0),
      '2026/NIS2/EARLY_WARNING': share('NIS2', 'EARLY_WARNING', 1, 0, 0),
      '2026/NIS2/NOTIFICATION': share('NIS2', 'NOTIFICATION', 0, 1, 0),
      '2026/NIS2/INTERMEDIATE': share('NIS2', 'INTERMEDIATE', 1, 0, 1),
      '2026/NIS2/FINAL': share('NIS2', 'FINAL', 0, 0, 1),
      '2026/GDPR/CNIL_NOTIFICATION': share('GDPR', 'CNIL_NOTIFICATION', 1, 0, 0),
    });
  });

  it('a requalification out of scope and a change of regime remove their clocks; emptied rows go', () => {
    const events: DeclarationEvent[] = [
      withData,
      {
        type: 'DeclarationQualified',
        data: { declarationId: DECLARATION_ID, ...qualification(), qualifiedBy: 'a', qualifiedAt: at(90) },
      },
      {
        type: 'DeclarationRequalified',
        data: {
          declarationId: DECLARATION_ID,
          from: qualification(),
          to: qualification({ inScope: false, outOfScopeReason: 'Hors SI' }),
          requalifiedBy: 'a',
          requalifiedAt: at(120),
        },
      },
      {
        type: 'StructureNis2StatusAmended',
        data: {
          declarationId: DECLARATION_ID,
          from: 'ESSENTIAL',
          to: 'NONE',
          amendedBy: 'a',
          amendedAt: at(130),
        },
      },
    ];
    expect(Object.keys(sharesAfter(events.slice(0, 2)))).toContain('2026/CSP/DECLARATION');
    expect(sharesAfter(events)).toEqual({
      '2026/GDPR/CNIL_NOTIFICATION': share('GDPR', 'CNIL_NOTIFICATION', 0, 0, 1),
    });
  });
});

describe('deadlines read model [sqlite]', () => {
  const directory = temporaryDirectory('deadlines');
  afterAll(() => directory.remove());

  it('the projector fills it; queries compute the status at the instant asked and scope by facility', async () => {
    const store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'), {
      synchronous: 'normal',
    });
    const dataSource = await openReadDataSource(`sqlite:${join(directory.path, 'read.sqlite')}`);
    try {
      const other = '22222222-2222-4222-8222-222222222222';
      await appendDeclarationEvents(store, [
        submitted(),
        notified(60),
        {
          type: 'DeclarationQualified',
          data: { declarationId: DECLARATION_ID, ...qualification(), qualifiedBy: 'a', qualifiedAt: at(90) },
        },
      ]);
      await appendDeclarationEvents(store, [
        {
          type: 'DeclarationSubmitted',
          data: submittedData({
            declarationId: other,
            structure: { ...essential, finess: '010000016', region: '84', nis2: 'NONE' },
            dataImpacts: ['CONFIDENTIALITY'],
          }),
        },
      ]);
      await new Projector({ store, dataSource, readModels: [deadlines] }).catchUp();

      const now = new Date('2026-03-06T00:00:00Z');
      const overdue = await listDeadlines(dataSource, { status: 'overdue' }, 'all', now);
      expect(overdue.items.map((item) => `${item.finess} ${item.clockId}`)).toEqual([
        '010000016 GDPR/CNIL_NOTIFICATION',
      ]);
      const met = await listDeadlines(dataSource, { status: ['met'], region: '11' }, 'all', now);
      expect(met.items.map((item) => item.clockId)).toEqual([
        'CSP/DECLARATION',
        'NIS2/EARLY_WARNING',
        'NIS2/NOTIFICATION',
      ]);
      const scoped = await listDeadlines(dataSource, {}, { finess: ['010000016'] }, now);
      expect(scoped.items.map((item) => item.declarationId)).toEqual([other, other]);

      const firstPage = await listDeadlines(dataSource, { limit: 2 }, 'all', now);
      const secondPage = await listDeadlines(
        dataSource,
        { limit: 10, cursor: firstPage.nextCursor! },
        'all',
        now,
      );
      const all = await listDeadlines(dataSource, {}, 'all', now);
      expect([...firstPage.items, ...secondPage.items]).toEqual(all.items);
      expect(all.items.map((item) => item.dueAt)).toEqual([...all.items.map((item) => item.dueAt)].sort());

      expect(
        await getDeclarationClocks(dataSource, DECLARATION_ID, { finess: ['010000016'] }, now),
      ).toBeNull();
      const clocks = await getDeclarationClocks(
        dataSource,
        DECLARATION_ID,
        'all',
        new Date('2026-05-01T00:00:00Z'),
      );
      expect(clocks?.map((clock) => [clock.clockId, clock.status])).toEqual([
        ['CSP/DECLARATION', 'met'],
        ['NIS2/EARLY_WARNING', 'met'],
        ['NIS2/NOTIFICATION', 'met'],
        ['NIS2/FINAL', 'overdue'],
      ]);
    } finally {
      await dataSource.destroy();
      await store.close();
    }
  });
});
