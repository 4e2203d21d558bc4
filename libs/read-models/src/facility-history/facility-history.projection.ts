import type { RecordedEvent } from '@vigie/event-store';
import { readModel, type RowProjection, type SumProjection } from '../projection/read-model';
import { declarationIdOf, record, text } from '../shared/event-data';
import { FacilityHistoryMember, FacilityHistoryRow } from './facility-history.entity';

export function evolveFacilityMember(
  row: FacilityHistoryMember | null,
  event: RecordedEvent,
): FacilityHistoryMember | null {
  const id = declarationIdOf(event);
  if (id === null) return row;
  const data = record(event.data);
  if (row === null) {
    if (event.type !== 'DeclarationSubmitted') return null;
    const structure = record(data.structure);
    const origin = text(data.suspectedOrigin, 'UNKNOWN');
    return {
      declarationId: id,
      revision: event.revision,
      finess: text(structure.finess),
      structureName: text(structure.name),
      structureType: text(structure.type),
      region: text(structure.region),
      submittedAt: text(data.submittedAt),
      qualified: false,
      closed: false,
      origin,
      patientEndangerment: text(data.patientEndangerment, 'NONE'),
      operationalImpact: text(data.operationalImpact, 'NONE'),
    };
  }
  if (event.revision <= row.revision) return row;
  const next = { ...row, revision: event.revision };
  switch (event.type) {
    case 'SuspectedOriginAmended':
      return row.qualified ? next : { ...next, origin: text(data.to, row.origin) };
    case 'DeclarationQualified':
      return { ...next, qualified: true, origin: text(data.origin, row.origin) };
    case 'DeclarationRequalified':
      return { ...next, qualified: true, origin: text(record(data.to).origin, row.origin) };
    case 'PatientEndangermentAmended':
      return { ...next, patientEndangerment: text(data.to, row.patientEndangerment) };
    case 'OperationalImpactAmended':
      return { ...next, operationalImpact: text(data.to, row.operationalImpact) };
    case 'DeclarationClosed':
      return { ...next, closed: true };
    case 'DeclarationReopened':
      return { ...next, closed: false };
    default:
      // Nothing else is counted here: keep the row (and its revision) so that nothing is rewritten.
      return row;
  }
}

const count = (condition: boolean, sign: 1 | -1): number => (condition ? sign : 0);

/** The latest declaration (by submittedAt, then id) names the facility. */
const isLatest = (member: FacilityContribution, row: FacilityHistoryRow): boolean =>
  member.submittedAt > row.lastSubmittedAt ||
  (member.submittedAt === row.lastSubmittedAt && member.declarationId >= row.lastDeclarationId);

/**
 * Counts are sums. First and last submission only move on additions: a declaration's submittedAt
 * never changes and declarations are never removed, so min and max stay exact.
 */
export function evolveFacilityHistory(
  row: FacilityHistoryRow | null,
  finess: string,
  member: FacilityContribution,
  sign: 1 | -1,
): FacilityHistoryRow | null {
  const base: FacilityHistoryRow = row ?? {
    finess,
    structureName: member.structureName,
    structureType: member.structureType,
    region: member.region,
    lastDeclarationId: member.declarationId,
    declarations: 0,
    openDeclarations: 0,
    firstSubmittedAt: member.submittedAt,
    lastSubmittedAt: member.submittedAt,
    originMalicious: 0,
    originNonMalicious: 0,
    originUnknown: 0,
    endangermentPotential: 0,
    endangermentActual: 0,
    impactDegraded: 0,
    impactInterruption: 0,
  };
  const next: FacilityHistoryRow = {
    ...base,
    declarations: base.declarations + sign,
    openDeclarations: base.openDeclarations + count(!member.closed, sign),
    originMalicious: base.originMalicious + count(member.origin === 'MALICIOUS', sign),
    originNonMalicious: base.originNonMalicious + count(member.origin === 'NON_MALICIOUS', sign),
    originUnknown:
      base.originUnknown + count(member.origin !== 'MALICIOUS' && member.origin !== 'NON_MALICIOUS', sign),
    endangermentPotential:
      base.endangermentPotential + count(member.patientEndangerment === 'POTENTIAL', sign),
    endangermentActual: base.endangermentActual + count(member.patientEndangerment === 'ACTUAL', sign),
    impactDegraded: base.impactDegraded + count(member.operationalImpact === 'DEGRADED', sign),
    impactInterruption: base.impactInterruption + count(member.operationalImpact === 'INTERRUPTION', sign),
  };
  if (next.declarations === 0) return null;
  if (sign === 1) {
    if (member.submittedAt < next.firstSubmittedAt) next.firstSubmittedAt = member.submittedAt;
    if (isLatest(member, next)) {
      Object.assign(next, {
        lastSubmittedAt: member.submittedAt,
        lastDeclarationId: member.declarationId,
        structureName: member.structureName,
        structureType: member.structureType,
        region: member.region,
      });
    }
  }
  return next;
}

export const facilityMemberProjection: RowProjection<FacilityHistoryMember> = {
  entity: FacilityHistoryMember,
  keyOf: declarationIdOf,
  evolve: evolveFacilityMember,
};

/** What a member counts for (its revision aside, so that a change the history does not count moves nothing). */
export type FacilityContribution = Omit<FacilityHistoryMember, 'revision'>;

export const facilityHistorySums: SumProjection<
  FacilityHistoryMember,
  FacilityContribution,
  FacilityHistoryRow
> = {
  entity: FacilityHistoryRow,
  contributions: ({ revision: _revision, ...member }) => [[member.finess, member]],
  evolve: evolveFacilityHistory,
};

export const facilityHistory = readModel('facility-history', facilityMemberProjection, [facilityHistorySums]);
