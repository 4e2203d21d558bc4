import type { RecordedEvent } from '@vigie/event-store';
import { evolveDeclarationView, type DeclarationView } from '../declaration-view/declaration-view';
import type { RowProjection } from '../projection/read-model';
import { declarationIdOf } from '../shared/event-data';
import { parisBucketOf } from '../shared/paris-bucket';
import { searchTextOf } from '../shared/search-text';
import { DeclarationSummary } from './declaration-summary.entity';

export function evolveDeclarationSummary(
  row: DeclarationSummary | null,
  event: RecordedEvent,
): DeclarationSummary | null {
  const view = evolveDeclarationView(row?.view ?? null, event);
  if (view === null || view === row?.view) return row;
  return summaryOf(view, row);
}

/** `previous` spares the calendar and the text folding when submittedAt and the description are unchanged. */
export function summaryOf(
  view: DeclarationView,
  previous: DeclarationSummary | null = null,
): DeclarationSummary {
  const { year, month } =
    previous?.submittedAt === view.submittedAt ? previous : parisBucketOf(view.submittedAt);
  const searched = searchedTextOf(view);
  return {
    id: view.id,
    reference: view.reference,
    assignee: view.assignee,
    finess: view.structure.finess,
    structureName: view.structure.name,
    structureType: view.structure.type,
    region: view.structure.region,
    year,
    month,
    submittedAt: view.submittedAt,
    origin: view.qualification?.origin ?? view.suspectedOrigin,
    qualified: view.qualification !== null,
    incidentType: view.qualification ? view.qualification.type : view.suspectedType,
    status: view.status,
    patientEndangerment: view.patientEndangerment,
    operationalImpact: view.operationalImpact,
    description: view.description,
    searchText:
      previous?.view === undefined || searchedTextOf(previous.view) !== searched
        ? searchTextOf(searched)
        : previous.searchText,
    revision: view.revision,
    position: view.position,
    updatedAt: view.updatedAt,
    view,
  };
}

/** What `q=` finds a declaration by: its reference, its description, the supplier it names. */
const searchedTextOf = (view: DeclarationView): string =>
  [view.reference, view.description, view.supplierName].filter((part) => part !== null).join('\n');

export const declarationSummaryProjection: RowProjection<DeclarationSummary> = {
  entity: DeclarationSummary,
  keyOf: declarationIdOf,
  evolve: evolveDeclarationSummary,
};
