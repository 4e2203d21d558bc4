import {
  ATTACK_VECTORS,
  DATA_IMPACTS,
  INCIDENT_TYPES,
  INTERVENTION_KINDS,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  QUALIFIED_ORIGINS,
  REGULATORY_QUALIFICATIONS,
  SUSPECTED_ORIGINS,
  type AttackVector,
  type DataImpact,
  type IncidentType,
  type InterventionKind,
  type OperationalImpact,
  type PatientEndangerment,
  type QualifiedOrigin,
  type RegulatoryQualification,
  type SuspectedOrigin,
} from '@vigie/domain';
import { BooleanField, CodeField, CodeListField, InstantField, TextField } from './fields';
import { FormFieldsDto } from './form-fields.dto';
import { LONG_TEXT_MAX } from './submit-declaration.dto';

const SHORT_TEXT_MAX = 2_000;

/** Only the fields present are amended; `null` clears a nullable one. */
export class AmendDeclarationDto extends FormFieldsDto {
  @TextField(LONG_TEXT_MAX, { presence: 'optional' })
  description?: string;

  @CodeField(OPERATIONAL_IMPACTS, { presence: 'optional' })
  operationalImpact?: OperationalImpact;

  @CodeField(PATIENT_ENDANGERMENTS, { presence: 'optional' })
  patientEndangerment?: PatientEndangerment;

  @CodeListField(DATA_IMPACTS, DATA_IMPACTS.length, { presence: 'optional' })
  dataImpacts?: DataImpact[];

  @TextField(LONG_TEXT_MAX, { presence: 'nullable' })
  measuresTaken?: string | null;

  @CodeField(SUSPECTED_ORIGINS, { presence: 'optional' })
  suspectedOrigin?: SuspectedOrigin;

  @CodeField(INCIDENT_TYPES, { presence: 'nullable' })
  suspectedType?: IncidentType | null;

  @InstantField({ presence: 'nullable' })
  degradedModeStartedAt?: string | null;

  @InstantField({ presence: 'nullable' })
  degradedModeEndedAt?: string | null;
}

export class RequestComplementDto {
  @TextField(LONG_TEXT_MAX)
  question!: string;
}

export class ProvideComplementDto {
  @TextField(LONG_TEXT_MAX)
  answer!: string;
}

export class QualifyDeclarationDto {
  @CodeField(QUALIFIED_ORIGINS)
  origin!: QualifiedOrigin;

  @CodeField(INCIDENT_TYPES, { description: 'A type of the origin’s typology' })
  type!: IncidentType;

  @CodeListField(ATTACK_VECTORS, ATTACK_VECTORS.length, { presence: 'optional' })
  attackVectors?: AttackVector[];

  @CodeField(REGULATORY_QUALIFICATIONS)
  regulatoryQualification!: RegulatoryQualification;

  @BooleanField()
  inScope!: boolean;

  @TextField(SHORT_TEXT_MAX, { presence: 'nullable', description: 'Required when inScope is false' })
  outOfScopeReason?: string | null;
}

export class RequestSupportDto {
  @TextField(SHORT_TEXT_MAX)
  reason!: string;
}

export class LogSupportInterventionDto {
  @CodeField(INTERVENTION_KINDS)
  kind!: InterventionKind;

  @TextField(LONG_TEXT_MAX)
  summary!: string;
}

export class ReportResolutionDto {
  @InstantField()
  resolvedAt!: string;

  @TextField(LONG_TEXT_MAX)
  summary!: string;
}

/** The body of a closure or a reopening. */
export class ReasonDto {
  @TextField(SHORT_TEXT_MAX)
  reason!: string;
}

export const MESSAGE_MAX = 5_000;

export class PostMessageDto {
  @TextField(MESSAGE_MAX, { description: 'What the facility or the CERT writes; both sides see it' })
  body!: string;
}

export class AssignmentDto {
  @TextField(200, {
    presence: 'nullable',
    description: 'The `sub` of the analyst (or admin) who follows the declaration up; null unassigns',
  })
  assignee!: string | null;
}

export class InternalNoteDto {
  @TextField(MESSAGE_MAX, { description: 'For the CERT only: no facility ever sees it' })
  body!: string;
}
