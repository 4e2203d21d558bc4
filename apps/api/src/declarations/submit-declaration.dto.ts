import {
  DATA_IMPACTS,
  INCIDENT_TYPES,
  NIS2_STATUSES,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  type DataImpact,
  type IncidentType,
  type Nis2Status,
  type OperationalImpact,
  type PatientEndangerment,
  type RegionCode,
  type StructureType,
  type SuspectedOrigin,
} from '@vigie/domain';
import {
  BooleanField,
  CodeField,
  CodeListField,
  EmailField,
  FinessField,
  InstantField,
  NestedField,
  PhoneField,
  TextField,
} from './fields';
import { FormFieldsDto } from './form-fields.dto';
import { RegionOfFiness } from './region-of-finess';

export const NAME_MAX = 200;
export const LONG_TEXT_MAX = 20_000;

export class StructureDto {
  @FinessField({ description: 'FINESS géographique (ET) of the facility' })
  @RegionOfFiness()
  finess!: string;

  @TextField(NAME_MAX, { example: 'Centre hospitalier X' })
  name!: string;

  @CodeField(STRUCTURE_TYPES)
  type!: StructureType;

  @CodeField(REGION_CODES, {
    description: 'INSEE region code: the region of the FINESS number’s département (docs/domain-regions.md)',
  })
  @RegionOfFiness()
  region!: RegionCode;

  @BooleanField({ presence: 'optional', description: 'Operator of essential services; false when omitted' })
  isOse?: boolean;

  @CodeField(NIS2_STATUSES, { presence: 'optional', description: 'NONE when omitted' })
  nis2?: Nis2Status;
}

/** Personal data: it goes into the event's data only, never into logs, metadata or stream names. */
export class DeclarantDto {
  @TextField(NAME_MAX)
  name!: string;

  @TextField(100, { example: 'RSSI' })
  role!: string;

  @EmailField()
  email!: string;

  @PhoneField({ presence: 'nullable' })
  phone?: string | null;
}

export class SubmitDeclarationDto extends FormFieldsDto {
  @NestedField(StructureDto)
  structure!: StructureDto;

  @NestedField(DeclarantDto)
  declarant!: DeclarantDto;

  @InstantField({ description: 'When the incident started (occurredAt ≤ detectedAt ≤ now)' })
  occurredAt!: string;

  @InstantField({ example: '2026-03-02T08:05:00+01:00' })
  detectedAt!: string;

  @TextField(LONG_TEXT_MAX)
  description!: string;

  @CodeField(SUSPECTED_ORIGINS)
  suspectedOrigin!: SuspectedOrigin;

  @CodeField(INCIDENT_TYPES, {
    presence: 'nullable',
    description: 'A type of the suspected origin’s typology',
  })
  suspectedType?: IncidentType | null;

  @CodeField(OPERATIONAL_IMPACTS)
  operationalImpact!: OperationalImpact;

  @CodeField(PATIENT_ENDANGERMENTS)
  patientEndangerment!: PatientEndangerment;

  @CodeListField(DATA_IMPACTS, DATA_IMPACTS.length)
  dataImpacts!: DataImpact[];

  @BooleanField({ presence: 'optional', description: 'false when omitted' })
  supportRequested?: boolean;

  @TextField(LONG_TEXT_MAX, { presence: 'nullable' })
  measuresTaken?: string | null;
}
