import type { OperationalImpact, PatientEndangerment } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { FacilityHistoryRow } from '../facility-history/facility-history.entity';

export interface FacilityHistory {
  finess: string;
  /** As given by the facility's latest declaration. */
  structure: { name: string; type: string; region: string };
  declarations: number;
  openDeclarations: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  lastDeclarationId: string;
  byOrigin: { MALICIOUS: number; NON_MALICIOUS: number; UNKNOWN: number };
  patientEndangerment: { POTENTIAL: number; ACTUAL: number };
  operationalImpact: { DEGRADED: number; INTERRUPTION: number };
  worstPatientEndangerment: PatientEndangerment;
  worstOperationalImpact: OperationalImpact;
}

/** A facility's declarations at a glance, or null when it has declared nothing. */
export async function getFacilityHistory(
  dataSource: DataSource,
  finess: string,
): Promise<FacilityHistory | null> {
  const row = await dataSource.getRepository(FacilityHistoryRow).findOne({ where: { finess } });
  if (!row) return null;
  return {
    finess: row.finess,
    structure: { name: row.structureName, type: row.structureType, region: row.region },
    declarations: row.declarations,
    openDeclarations: row.openDeclarations,
    firstSubmittedAt: row.firstSubmittedAt,
    lastSubmittedAt: row.lastSubmittedAt,
    lastDeclarationId: row.lastDeclarationId,
    byOrigin: {
      MALICIOUS: row.originMalicious,
      NON_MALICIOUS: row.originNonMalicious,
      UNKNOWN: row.originUnknown,
    },
    patientEndangerment: { POTENTIAL: row.endangermentPotential, ACTUAL: row.endangermentActual },
    operationalImpact: { DEGRADED: row.impactDegraded, INTERRUPTION: row.impactInterruption },
    worstPatientEndangerment:
      row.endangermentActual > 0 ? 'ACTUAL' : row.endangermentPotential > 0 ? 'POTENTIAL' : 'NONE',
    worstOperationalImpact:
      row.impactInterruption > 0 ? 'INTERRUPTION' : row.impactDegraded > 0 ? 'DEGRADED' : 'NONE',
  };
}
