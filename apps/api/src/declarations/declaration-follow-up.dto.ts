import { ApiProperty } from '@nestjs/swagger';
import { INFORMED_AUTHORITIES, INTERVENTION_KINDS, REPORT_STAGES } from '@vigie/domain';
import { INSTANT, NULLABLE_INSTANT } from '../api-fields';

export class QualificationViewDto {
  @ApiProperty({ enum: ['MALICIOUS', 'NON_MALICIOUS'] })
  origin!: string;

  @ApiProperty({ description: 'An incident type code of that origin' })
  type!: string;

  @ApiProperty({ type: [String] })
  attackVectors!: string[];

  @ApiProperty()
  regulatoryQualification!: string;

  @ApiProperty()
  inScope!: boolean;

  @ApiProperty({ type: String, nullable: true })
  outOfScopeReason!: string | null;

  @ApiProperty()
  qualifiedBy!: string;

  @ApiProperty(INSTANT)
  qualifiedAt!: string;
}

export class ComplementViewDto {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;

  @ApiProperty()
  question!: string;

  @ApiProperty(INSTANT)
  requestedAt!: string;

  @ApiProperty()
  requestedBy!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null while unanswered' })
  answer!: string | null;

  @ApiProperty(NULLABLE_INSTANT)
  providedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  providedBy!: string | null;
}

export class SupportRequestViewDto {
  @ApiProperty()
  reason!: string;

  @ApiProperty(INSTANT)
  requestedAt!: string;

  @ApiProperty()
  requestedBy!: string;
}

export class InterventionViewDto {
  @ApiProperty({ format: 'uuid' })
  interventionId!: string;

  @ApiProperty({ enum: INTERVENTION_KINDS })
  kind!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty(INSTANT)
  loggedAt!: string;

  @ApiProperty()
  loggedBy!: string;
}

export class ResolutionViewDto {
  @ApiProperty(INSTANT)
  resolvedAt!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty()
  reportedBy!: string;

  @ApiProperty(INSTANT)
  reportedAt!: string;
}

export class ClosureViewDto {
  @ApiProperty()
  reason!: string;

  @ApiProperty(INSTANT)
  closedAt!: string;

  @ApiProperty()
  closedBy!: string;
}

export class StagedReportViewDto {
  @ApiProperty({ format: 'uuid' })
  reportId!: string;

  @ApiProperty({ enum: REPORT_STAGES })
  stage!: string;

  @ApiProperty()
  content!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The intermediate report request it answers' })
  requestId!: string | null;

  @ApiProperty()
  submittedBy!: string;

  @ApiProperty(INSTANT)
  submittedAt!: string;
}

export class ReportRequestViewDto {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;

  @ApiProperty(INSTANT)
  dueAt!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  requestedBy!: string;

  @ApiProperty(INSTANT)
  requestedAt!: string;
}

export class CnilNotificationViewDto {
  @ApiProperty(INSTANT)
  notifiedAt!: string;

  @ApiProperty()
  reference!: string;

  @ApiProperty()
  declaredBy!: string;

  @ApiProperty(INSTANT)
  declaredAt!: string;
}

/** The CERT told an authority itself (by phone, by mail): a fact of the follow-up, both sides see it. */
export class AuthorityInformedViewDto {
  @ApiProperty({ enum: INFORMED_AUTHORITIES })
  authority!: string;

  @ApiProperty(INSTANT)
  informedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The authority’s own reference, if it gave one' })
  reference!: string | null;

  @ApiProperty({ description: 'The sub of the analyst who recorded it' })
  recordedBy!: string;

  @ApiProperty(INSTANT)
  recordedAt!: string;
}
