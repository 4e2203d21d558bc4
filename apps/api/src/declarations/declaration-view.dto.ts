import { ApiProperty } from '@nestjs/swagger';
import {
  DATA_IMPACTS,
  DECLARATION_STATUSES,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  SUSPECTED_ORIGINS,
} from '@vigie/domain';
import {
  AuthorityInformedViewDto,
  CnilNotificationViewDto,
  ComplementViewDto,
  InterventionViewDto,
  QualificationViewDto,
  ReportRequestViewDto,
  ResolutionViewDto,
  ClosureViewDto,
  StagedReportViewDto,
  SupportRequestViewDto,
} from './declaration-follow-up.dto';
import { AuthorityNotificationViewDto, ReminderViewDto } from './declaration-deliveries.dto';
import { DeclarantViewDto, StructureViewDto } from './declaration-parties.dto';
import { INSTANT } from '../api-fields';
import { FormFieldsViewDto, InternalNoteViewDto, MessageViewDto } from './declaration-form-view.dto';

/**
 * `GET /api/v1/declarations/{id}`: the read model's DeclarationView (libs/read-models), the
 * declarant revealed. The web client is generated from this class: keep it to the view's shape.
 */
export class DeclarationViewDto extends FormFieldsViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-000042',
    description:
      'The human reference (YYYY-NNNNNN); null for a declaration submitted before references existed',
  })
  reference!: string | null;

  @ApiProperty({ enum: DECLARATION_STATUSES })
  status!: string;

  @ApiProperty({ type: StructureViewDto })
  structure!: StructureViewDto;

  @ApiProperty({ type: DeclarantViewDto })
  declarant!: DeclarantViewDto;

  @ApiProperty(INSTANT)
  occurredAt!: string;

  @ApiProperty(INSTANT)
  detectedAt!: string;

  @ApiProperty(INSTANT)
  submittedAt!: string;

  @ApiProperty({ description: "The submitter's `sub`" })
  submittedBy!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: SUSPECTED_ORIGINS })
  suspectedOrigin!: string;

  @ApiProperty({ type: String, nullable: true, description: 'An incident type code' })
  suspectedType!: string | null;

  @ApiProperty({ enum: OPERATIONAL_IMPACTS })
  operationalImpact!: string;

  @ApiProperty({ enum: PATIENT_ENDANGERMENTS })
  patientEndangerment!: string;

  @ApiProperty({ enum: DATA_IMPACTS, isArray: true })
  dataImpacts!: string[];

  @ApiProperty({ description: 'At submission or by a later support request' })
  supportRequested!: boolean;

  @ApiProperty({ type: String, nullable: true })
  measuresTaken!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  degradedModeStartedAt!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  degradedModeEndedAt!: string | null;

  @ApiProperty({ type: QualificationViewDto, nullable: true, description: 'The latest CERT qualification' })
  qualification!: QualificationViewDto | null;

  @ApiProperty({ type: [ComplementViewDto] })
  complements!: ComplementViewDto[];

  @ApiProperty({ type: [SupportRequestViewDto] })
  supportRequests!: SupportRequestViewDto[];

  @ApiProperty({ type: [InterventionViewDto] })
  interventions!: InterventionViewDto[];

  @ApiProperty({ type: ResolutionViewDto, nullable: true, description: 'Cleared by a reopening' })
  resolution!: ResolutionViewDto | null;

  @ApiProperty({ type: ClosureViewDto, nullable: true })
  closure!: ClosureViewDto | null;

  @ApiProperty({ type: 'integer' })
  reopenings!: number;

  @ApiProperty({ type: [MessageViewDto], description: 'The exchanges with the facility, oldest first' })
  messages!: MessageViewDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'CERT only (null for a facility): the `sub` of the analyst following it up',
  })
  assignee!: string | null;

  @ApiProperty({ type: [InternalNoteViewDto], description: 'CERT only (empty for a facility)' })
  internalNotes!: InternalNoteViewDto[];

  @ApiProperty({ type: [StagedReportViewDto], description: 'NIS2 staged reports, as submitted' })
  reports!: StagedReportViewDto[];

  @ApiProperty({ type: [ReportRequestViewDto] })
  intermediateReportRequests!: ReportRequestViewDto[];

  @ApiProperty({ type: CnilNotificationViewDto, nullable: true })
  cnilNotification!: CnilNotificationViewDto | null;

  @ApiProperty({
    type: [AuthorityInformedViewDto],
    description: 'The authorities the CERT informed itself (ARS, HFDS, ANSSI, CNIL), oldest first',
  })
  authoritiesInformed!: AuthorityInformedViewDto[];

  @ApiProperty({ type: [AuthorityNotificationViewDto] })
  authorityNotifications!: AuthorityNotificationViewDto[];

  @ApiProperty({ type: [ReminderViewDto] })
  reminders!: ReminderViewDto[];

  @ApiProperty({ type: 'integer', description: 'The ETag' })
  revision!: number;

  @ApiProperty({ description: 'Global position of the last event applied, as a decimal string' })
  position!: string;

  @ApiProperty(INSTANT)
  updatedAt!: string;
}
