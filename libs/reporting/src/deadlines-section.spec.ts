import type { DeclarationEvent, StageTimeliness } from '@vigie/domain';
import { buildAnnualReport, deadlinesSection } from './annual-report';
import { asOfFold, type LoggedEvent } from './as-of';
import { maskReport } from './public-mask';
import { renderMarkdown } from './render/render-markdown';
import { renderPdf } from './render/render-pdf';
import { reportTables } from './render/report-tables';
import { META, qualified, reportOf, submitted } from './report.fixtures';

const timeliness = (row: Partial<StageTimeliness> & Pick<StageTimeliness, 'regime' | 'stage'>) => ({
  met: 0,
  metLate: 0,
  overdue: 0,
  due: 0,
  onTimeShare: null,
  ...row,
});

const essential = {
  finess: '750712184',
  name: 'CHU X',
  type: 'ES' as const,
  region: '11' as const,
  isOse: false,
  nis2: 'ESSENTIAL' as const,
};

const logged = (event: DeclarationEvent, recordedAt: string): LoggedEvent => ({
  streamId: `declaration-${String(event.data.declarationId)}`,
  type: event.type,
  data: event.data as unknown as Record<string, unknown>,
  recordedAt,
});

describe('the deadlines section of the yearly report', () => {
  it('lists every regime and stage, 0 where no clock counts, with the share met on time of those fallen due', () => {
    const section = deadlinesSection([
      timeliness({ regime: 'CSP', stage: 'DECLARATION', met: 6, metLate: 1, overdue: 1, due: 2 }),
      timeliness({ regime: 'NIS2', stage: 'FINAL', due: 3 }),
    ]);
    expect(section.CSP.DECLARATION).toEqual({
      total: 10,
      met: 6,
      metLate: 1,
      overdue: 1,
      due: 2,
      shareOnTime: 75,
    });
    expect(section.NIS2.FINAL).toEqual({
      total: 3,
      met: 0,
      metLate: 0,
      overdue: 0,
      due: 3,
      shareOnTime: null,
    });
    expect(Object.keys(section.NIS2)).toEqual(['EARLY_WARNING', 'NOTIFICATION', 'INTERMEDIATE', 'FINAL']);
    expect(section.GDPR.CNIL_NOTIFICATION.total).toBe(0);
  });

  it('replayed: counts the clocks of the year’s declarations only, read at the report’s instant', () => {
    const log = [
      // 2024: its clocks are the 2024 report's, although it is the previous year's total here.
      logged(
        submitted({
          declarationId: 'old',
          structure: essential,
          detectedAt: '2024-12-30T08:00:00.000Z',
          submittedAt: '2024-12-30T09:00:00.000Z',
        }),
        '2024-12-30T09:00:00.000Z',
      ),
      // 2025: declared 2 days after detection, NIS2 essential, no notification yet.
      logged(
        submitted({
          declarationId: 'late',
          structure: essential,
          detectedAt: '2025-03-02T08:00:00.000Z',
          submittedAt: '2025-03-04T08:00:00.000Z',
        }),
        '2025-03-04T08:00:00.000Z',
      ),
      logged(
        {
          type: 'StagedReportSubmitted',
          data: {
            declarationId: 'late',
            reportId: 'r-1',
            stage: 'NOTIFICATION',
            content: 'Notification',
            requestId: null,
            submittedBy: 'rssi',
            submittedAt: '2025-03-05T07:00:00.000Z',
          },
        },
        '2025-03-05T07:00:00.000Z',
      ),
    ];
    const at = (instant: string) => {
      const fold = asOfFold(2025, new Date(instant));
      log.forEach((recorded) => fold.add(recorded));
      return buildAnnualReport(fold.snapshot(), { ...META, asOf: instant }).deadlines;
    };
    const before = at('2025-03-04T12:00:00.000Z');
    expect(before.CSP.DECLARATION).toMatchObject({ total: 1, metLate: 1, shareOnTime: 0 });
    expect(before.NIS2.EARLY_WARNING).toMatchObject({ total: 1, metLate: 1 });
    expect(before.NIS2.NOTIFICATION).toMatchObject({ total: 1, due: 1, shareOnTime: null });
    const after = at('2025-03-06T00:00:00.000Z');
    expect(after.NIS2.NOTIFICATION).toMatchObject({ total: 1, met: 1, shareOnTime: 100 });
    expect(after.NIS2.FINAL).toMatchObject({ total: 1, due: 1 });
  });

  it('replayed: a year before NIS2 applied (18 October 2024) has no NIS2 clock, the French one only', () => {
    const fold = asOfFold(2020, new Date('2020-12-31T00:00:00.000Z'));
    fold.add(
      logged(
        submitted({
          declarationId: 'nis2-not-yet',
          structure: essential,
          detectedAt: '2020-03-02T08:00:00.000Z',
          submittedAt: '2020-03-02T09:00:00.000Z',
        }),
        '2020-03-02T09:00:00.000Z',
      ),
    );
    const { deadlines } = buildAnnualReport(fold.snapshot(), { ...META, asOf: '2020-12-31T00:00:00.000Z' });
    expect(deadlines.CSP.DECLARATION).toMatchObject({ total: 1, met: 1 });
    for (const stage of ['EARLY_WARNING', 'NOTIFICATION', 'FINAL'] as const)
      expect(deadlines.NIS2[stage]).toMatchObject({ total: 0 });
  });

  it('the public edition masks counts of 1 to 4, the count that would give one back, and the share', () => {
    const report = {
      ...reportOf(2020),
      deadlines: deadlinesSection([
        timeliness({ regime: 'CSP', stage: 'DECLARATION', met: 30, metLate: 2, overdue: 0, due: 0 }),
        timeliness({ regime: 'GDPR', stage: 'CNIL_NOTIFICATION', met: 3, metLate: 10 }),
      ]),
    };
    const masked = maskReport(report).deadlines;
    // 32 − 30 − 0 − 0 would give the 2 met late back: met is withheld too, and the share with it.
    expect(masked.CSP.DECLARATION).toEqual({
      total: 32,
      met: 'secret',
      metLate: '<5',
      overdue: 0,
      due: 0,
      shareOnTime: null,
    });
    expect(masked.GDPR.CNIL_NOTIFICATION.met).toBe('<5');
    expect(masked.GDPR.CNIL_NOTIFICATION.shareOnTime).toBeNull();
  });

  it('md, html and pdf show one row per regime and stage, labelled in the report’s language', async () => {
    // Every declaration malicious: the origin bar's other segment is empty (it used to hang pdfkit).
    const report = {
      ...reportOf(2020, [submitted(), qualified('d-1', { origin: 'MALICIOUS', type: 'RANSOMWARE' })]),
      deadlines: deadlinesSection([timeliness({ regime: 'CSP', stage: 'DECLARATION', met: 1 })]),
    };
    const table = reportTables(report, 'en').find((candidate) => candidate.id === 'deadlines');
    expect(table?.rows.map((row) => row.code)).toEqual([
      'CSP/DECLARATION',
      'NIS2/EARLY_WARNING',
      'NIS2/NOTIFICATION',
      'NIS2/INTERMEDIATE',
      'NIS2/FINAL',
      'GDPR/CNIL_NOTIFICATION',
    ]);
    expect(table?.rows[0]).toMatchObject({
      label: 'CSP — declaration "without delay"',
      count: 1,
      share: 100,
      detail: '1 fallen due, 0 met late and 0 overdue; 0 not yet due',
    });
    expect(renderMarkdown(report, { lang: 'fr' })).toContain(
      '| RGPD — notification à la CNIL (72 h) — 0 échues dont 0 tenues en retard et 0 non tenues ; 0 à venir | `GDPR/CNIL_NOTIFICATION` | 0 |  |',
    );
    const pdf = await renderPdf(report, { lang: 'fr' }, []);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('an edition published before the section existed still renders, without it', () => {
    const { deadlines: _deadlines, ...older } = reportOf(2020);
    const tables = reportTables(older as never, 'fr');
    expect(tables.map((candidate) => candidate.id)).not.toContain('deadlines');
  });
});
