import { createHash } from 'node:crypto';
import { upcasting } from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import type { AnnualReport } from '../annual-report';
import { renderJson } from '../render/render-json';

export const REPORT_PUBLISHED = 'ReportPublished';
export const REPORT_PUBLICATION_SCHEMA_VERSION = 1;

/** One stream per year: its editions, in the order they were published. */
export const publicationStreamId = (year: number): string => `report-publication-${year}`;

/**
 * An edition of the yearly report was frozen. It carries the report itself (the canonical JSON,
 * unmasked) and the bounds it was computed from, so that replaying the log up to `position`,
 * counting only what was recorded by `asOf`, gives the same report again.
 */
export interface ReportPublished {
  type: typeof REPORT_PUBLISHED;
  data: {
    publicationId: string;
    year: number;
    report: AnnualReport;
    /** The last global position the report counts. */
    position: string;
    taxonomyVersion: string;
    asOf: string;
    note: string | null;
    /** sha256 of `renderJson(report)`: what a reader of a downloaded edition compares. */
    checksum: string;
    publishedBy: string;
    publishedAt: string;
  };
}

export interface PublishReport {
  publicationId: string;
  report: AnnualReport;
  note: string | null;
  publishedBy: string;
  publishedAt: string;
}

export const reportChecksum = (report: AnnualReport): string =>
  createHash('sha256').update(renderJson(report)).digest('hex');

/** The event of a publication: everything is already decided by the report it freezes. */
export function reportPublished(command: PublishReport): ReportPublished {
  const { report } = command;
  return {
    type: REPORT_PUBLISHED,
    data: {
      publicationId: command.publicationId,
      year: report.year,
      report,
      position: report.position,
      taxonomyVersion: report.taxonomyVersion,
      asOf: report.asOf,
      note: command.note,
      checksum: reportChecksum(report),
      publishedBy: command.publishedBy,
      publishedAt: command.publishedAt,
    },
  };
}

/** The one place where a recorded publication becomes a `ReportPublished` (no upcaster yet). */
export const toReportPublished = upcasting<ReportPublished>({});

/**
 * The publication stream's decider: an edition is decided by the report it freezes, whatever was
 * published before, so its state holds nothing and a lost race only needs the append again.
 */
export const publicationDecider = {
  initialState: (): null => null,
  evolve: (state: null): null => state,
  decide: (command: PublishReport): ReportPublished[] => [reportPublished(command)],
};

/** An edition as read back from its stream, with where the publication itself sits in the log. */
export type Publication = ReportPublished['data'] & { recordedPosition: string };

/** Editions newest first; events of other types or of an unreadable shape are skipped. */
export function publicationsOf(recorded: readonly RecordedEvent[]): Publication[] {
  return recorded
    .filter((event) => event.type === REPORT_PUBLISHED && isPublishedData(event.data))
    .map((event) => ({ ...toReportPublished(event).data, recordedPosition: event.position.toString() }))
    .reverse();
}

function isPublishedData(data: Record<string, unknown>): boolean {
  return (
    typeof data.publicationId === 'string' &&
    typeof data.year === 'number' &&
    typeof data.position === 'string' &&
    /^\d+$/.test(data.position) &&
    typeof data.asOf === 'string' &&
    typeof data.publishedAt === 'string' &&
    data.report !== null &&
    typeof data.report === 'object'
  );
}
