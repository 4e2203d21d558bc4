import { ApiProperty } from '@nestjs/swagger';
import { CLOCK_STAGES, DECLARATION_STATUSES, REGIMES } from '@vigie/domain';
import { INSTANT, NEXT_CURSOR } from '../api-fields';

export class NextDeadlineDto {
  @ApiProperty(INSTANT)
  dueAt!: string;

  @ApiProperty({ enum: REGIMES })
  regime!: string;

  @ApiProperty({ enum: CLOCK_STAGES })
  stage!: string;
}

/** One row of the list: the declaration-summary read model, no personal data of the declarant. */
export class DeclarationListItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-000042',
    description: 'null before references existed',
  })
  reference!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'CERT only (null for a facility)' })
  assignee!: string | null;

  @ApiProperty({
    description: 'origin and type are the CERT’s qualification (else the declarant’s suspicion)',
  })
  qualified!: boolean;

  @ApiProperty()
  finess!: string;

  @ApiProperty()
  structureName!: string;

  @ApiProperty()
  structureType!: string;

  @ApiProperty()
  region!: string;

  @ApiProperty(INSTANT)
  submittedAt!: string;

  @ApiProperty({ type: 'integer', description: 'Europe/Paris calendar year of submittedAt' })
  year!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 })
  month!: number;

  @ApiProperty({ description: "The latest qualification's, else the declarant's" })
  origin!: string;

  @ApiProperty({ type: String, nullable: true })
  type!: string | null;

  @ApiProperty({ enum: DECLARATION_STATUSES })
  status!: string;

  @ApiProperty()
  patientEndangerment!: string;

  @ApiProperty()
  operationalImpact!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  position!: string;

  @ApiProperty(INSTANT)
  updatedAt!: string;

  @ApiProperty({
    type: () => NextDeadlineDto,
    nullable: true,
    description: 'The soonest regulatory clock still to meet; null when closed or every clock is met',
  })
  nextDeadline!: NextDeadlineDto | null;
}

export class DeclarationPageDto {
  @ApiProperty({ type: [DeclarationListItemDto] })
  items!: DeclarationListItemDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor!: string | null;
}

/** A value of any JSON type (the field's own), as it was before or after the event. */
const ANY_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
  ],
  nullable: true,
  description: 'Any JSON value, null when absent',
};

export class TimelineChangeDto {
  @ApiProperty({ description: 'Dotted path of the field (`qualification.type`)' })
  field!: string;

  @ApiProperty(ANY_VALUE)
  from!: unknown;

  @ApiProperty(ANY_VALUE)
  to!: unknown;
}

export class TimelineEntryDto {
  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  position!: string;

  @ApiProperty({ description: 'The event type (`DeclarationQualified`)' })
  type!: string;

  @ApiProperty({ ...INSTANT, description: "The event's business instant" })
  at!: string;

  @ApiProperty({ description: "The actor's `sub`" })
  by!: string;

  @ApiProperty({ type: [TimelineChangeDto] })
  changes!: TimelineChangeDto[];
}

export class DeclarationHistoryDto {
  @ApiProperty({ type: [TimelineEntryDto] })
  items!: TimelineEntryDto[];
}
