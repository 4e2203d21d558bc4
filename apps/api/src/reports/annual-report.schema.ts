import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  OPERATIONAL_IMPACTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
} from '@vigie/domain';
import {
  DEADLINE_STAGES,
  ENDANGERMENTS,
  MONTHS,
  TAXONOMY_VERSION_CODES,
  TIME_TO_DECLARE_BUCKETS,
} from '@vigie/reporting';

/**
 * A count: in a public report `"<5"` instead of 1 to 4 (zero stays 0) and `"secret"` instead of a
 * count withheld so that no `"<5"` can be recomputed (docs/report.md "Public edition").
 */
export const COUNT: SchemaObject = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', enum: ['<5', 'secret'] },
  ],
};

/** A percentage with one decimal, null when its count is masked or its base is 0. */
const SHARE: SchemaObject = { type: 'number', nullable: true };

/** Every code of a table is present (0 when nothing counts), so two reports have the same keys. */
function table(keys: readonly string[], value: SchemaObject = COUNT): SchemaObject {
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((key) => [key, value])),
    required: [...keys],
    additionalProperties: false,
  };
}

const object = (properties: Record<string, SchemaObject>): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
});

const STAGE_ON_TIME = object({
  total: COUNT,
  met: COUNT,
  metLate: COUNT,
  overdue: COUNT,
  due: COUNT,
  shareOnTime: SHARE,
});

/** The sections of the canonical yearly report (libs/reporting AnnualReport), for `@ApiProperty`. */
export const REPORT_SECTIONS = {
  declarations: object({
    total: COUNT,
    inScope: COUNT,
    outOfScope: COUNT,
    unqualified: COUNT,
    previousYearTotal: COUNT,
    evolution: SHARE,
  }),
  structures: object({ declaring: COUNT, withAtLeast2: COUNT, withAtLeast4: COUNT }),
  byStructureType: table(STRUCTURE_TYPES),
  byRegion: table(REGION_CODES),
  byMonth: table(MONTHS),
  origin: table(SUSPECTED_ORIGINS),
  maliciousTypes: table([...MALICIOUS_TYPES, 'UNSPECIFIED']),
  nonMaliciousTypes: table([...NON_MALICIOUS_TYPES, 'UNSPECIFIED']),
  operationalImpact: object({
    declarations: table(OPERATIONAL_IMPACTS),
    structures: table(OPERATIONAL_IMPACTS),
  }),
  patientEndangerment: table(ENDANGERMENTS),
  dataImpacts: table(DATA_IMPACTS),
  support: object({ requested: COUNT, interventions: table(INTERVENTION_KINDS) }),
  timeToDeclare: table(TIME_TO_DECLARE_BUCKETS),
  deadlines: object(
    Object.fromEntries(
      Object.entries(DEADLINE_STAGES).map(([regime, stages]) => [regime, table(stages, STAGE_ON_TIME)]),
    ),
  ),
  taxonomyVersions: table(TAXONOMY_VERSION_CODES),
  shares: object({
    origin: table(SUSPECTED_ORIGINS, SHARE),
    byStructureType: table(STRUCTURE_TYPES, SHARE),
    structuresByImpact: table(OPERATIONAL_IMPACTS, SHARE),
    patientEndangerment: SHARE,
    supportRequested: SHARE,
  }),
  degradedMode: object({
    ended: table([...STRUCTURE_TYPES, 'total']),
    ongoing: table([...STRUCTURE_TYPES, 'total']),
    duration: table(
      [...STRUCTURE_TYPES, 'total'],
      object({
        meanHours: { type: 'number', nullable: true, description: 'Whole hours completed, mean' },
        medianHours: { type: 'number', nullable: true },
        sevenDaysOrMoreShare: SHARE,
      }),
    ),
  }),
} satisfies Record<string, SchemaObject>;
