import { ApiProperty } from '@nestjs/swagger';
import {
  INFORMED_AUTHORITIES,
  NIS2_STATUSES,
  REPORT_STAGES,
  type InformedAuthority,
  type Nis2Status,
  type ReportStage,
} from '@vigie/domain';
import { BooleanField, CodeField, InstantField, TextField } from '../declarations/fields';
import { LONG_TEXT_MAX } from '../declarations/submit-declaration.dto';
import { CommandResultDto } from '../declarations/command-result.dto';

const SHORT_TEXT_MAX = 2_000;

export class StagedReportDto {
  @CodeField(REPORT_STAGES, {
    description:
      'NOTIFICATION (≤ 72 h after detection), INTERMEDIATE (answers the CERT’s pending request), FINAL (after the notification)',
  })
  stage!: ReportStage;

  @TextField(LONG_TEXT_MAX)
  content!: string;
}

export class IntermediateReportRequestDto {
  @InstantField({
    description: 'When the report is due; in the future',
    example: '2026-03-10T18:00:00+01:00',
  })
  dueAt!: string;

  @TextField(SHORT_TEXT_MAX)
  reason!: string;
}

export class CnilNotificationDto {
  @InstantField({ description: 'When the facility notified the CNIL (GDPR art. 33)' })
  notifiedAt!: string;

  @TextField(200, { description: 'The CNIL’s reference of the notification', example: 'CNIL-2026-000123' })
  reference!: string;
}

export class AuthorityNoticeDto {
  @CodeField(INFORMED_AUTHORITIES, { description: 'Whom the CERT informed, outside Vigie’s webhooks' })
  authority!: InformedAuthority;

  @InstantField({ description: 'When; not in the future, not before detectedAt' })
  informedAt!: string;

  @TextField(200, {
    presence: 'nullable',
    description: 'The authority’s own reference of the case, if it gave one',
    example: 'ARS-IDF-2026-0042',
  })
  reference?: string | null;
}

/** Only the fields present change. */
export class RegulatoryStatusDto {
  @CodeField(NIS2_STATUSES, { presence: 'optional' })
  nis2?: Nis2Status;

  @BooleanField({ presence: 'optional', description: 'Operator of essential services (NIS1)' })
  isOse?: boolean;
}

export class StagedReportResultDto extends CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  reportId!: string;
}

export class IntermediateReportRequestResultDto extends CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;
}
