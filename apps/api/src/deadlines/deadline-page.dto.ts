import { ApiProperty } from '@nestjs/swagger';
import { CLOCK_STAGES, CLOCK_STATUSES, REGIMES } from '@vigie/domain';
import { INSTANT, NEXT_CURSOR } from '../api-fields';

/** One regulatory clock, its status read at the page's `at`. */
export class DeadlineItemDto {
  @ApiProperty({ format: 'uuid' })
  declarationId!: string;

  @ApiProperty()
  clockId!: string;

  @ApiProperty({ enum: REGIMES })
  regime!: string;

  @ApiProperty({ enum: CLOCK_STAGES })
  stage!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The intermediate report request, if any' })
  requestId!: string | null;

  @ApiProperty()
  finess!: string;

  @ApiProperty()
  structureName!: string;

  @ApiProperty()
  region!: string;

  @ApiProperty(INSTANT)
  dueAt!: string;

  @ApiProperty({ ...INSTANT, nullable: true })
  metAt!: string | null;

  @ApiProperty({ enum: CLOCK_STATUSES })
  status!: string;

  @ApiProperty()
  declarationClosed!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The declaration’s reference (`2026-000042`); null for one submitted before references',
  })
  reference!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The sub of the analyst following the declaration up; always null for a facility',
  })
  assignee!: string | null;
}

export class DeadlinePageDto {
  @ApiProperty({ ...INSTANT, description: 'The instant the statuses were computed at' })
  at!: string;

  @ApiProperty({ type: [DeadlineItemDto], description: 'The soonest due first' })
  items!: DeadlineItemDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor!: string | null;
}

export class DeclarationClocksDto {
  @ApiProperty({ format: 'uuid' })
  declarationId!: string;

  @ApiProperty(INSTANT)
  at!: string;

  @ApiProperty({ type: [DeadlineItemDto] })
  items!: DeadlineItemDto[];
}
