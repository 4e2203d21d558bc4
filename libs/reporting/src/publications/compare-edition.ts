import { isDeepStrictEqual } from 'node:util';
import { snapshotFromFacts, type DeclarationFacts } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import type { AnnualReport } from '../annual-report';
import { asOfFold, isWithin, readLog, type LogBound, type LoggedEvent } from '../as-of';
import type { Publication } from './report-published';
import { restatements, type EditionComparison, type FactsChange, type Restatement } from './restatements';

export interface RestatementsReport {
  publication: { id: string; position: string; publishedAt: string };
  comparedWith: { asOf: string; position: string };
  changes: Restatement[];
}

/**
 * Folds one pass over the log into two facts records per declaration: as the edition counted it
 * and as the compared bound counts it.
 */
export function editionFold(year: number, edition: LogBound, compared: LogBound) {
  const then = asOfFold(year, edition);
  const now = asOfFold(year, compared);
  return {
    add(recorded: LoggedEvent): void {
      then.add(recorded);
      now.add(recorded);
    },
    comparison(published: AnnualReport): EditionComparison {
      return comparisonOf(year, published, then.facts(), now.facts());
    },
  };
}

/** The edition's facts and the compared bound's, declaration by declaration. */
export function comparisonOf(
  year: number,
  published: AnnualReport,
  before: ReadonlyMap<string, DeclarationFacts>,
  after: ReadonlyMap<string, DeclarationFacts>,
): EditionComparison {
  const changes: FactsChange[] = [];
  for (const declarationId of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(declarationId) ?? null;
    const is = after.get(declarationId) ?? null;
    if (!isDeepStrictEqual(was, is)) changes.push({ declarationId, before: was, after: is });
  }
  return {
    year,
    published,
    before: snapshotFromFacts(year, before.values()),
    after: snapshotFromFacts(year, after.values()),
    changes,
  };
}

/**
 * What changed since an edition: the log is read once, up to its head, and compared with the
 * edition's own bounds (its position and `asOf`) and with `asOf` (now, or an instant asked for).
 * `comparedWith.position` is the last position counted on that side.
 */
export async function restatementsSince(
  store: EventStore,
  publication: Publication,
  compared: { asOf: Date },
): Promise<RestatementsReport> {
  const head = await store.headPosition();
  const bound: LogBound = { asOf: compared.asOf, position: head };
  const fold = editionFold(
    publication.year,
    { asOf: new Date(publication.asOf), position: BigInt(publication.position) },
    bound,
  );
  let last = 0n;
  await readLog(
    store,
    (recorded) => {
      if (isWithin(bound, recorded)) last = recorded.position;
      fold.add(recorded);
    },
    { until: head },
  );
  return restatementsReport(publication, compared.asOf, last, fold.comparison(publication.report));
}

export function restatementsReport(
  publication: Publication,
  asOf: Date,
  position: bigint,
  comparison: EditionComparison,
): RestatementsReport {
  return {
    publication: {
      id: publication.publicationId,
      position: publication.position,
      publishedAt: publication.publishedAt,
    },
    comparedWith: { asOf: asOf.toISOString(), position: position.toString() },
    changes: restatements(comparison),
  };
}
