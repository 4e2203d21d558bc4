import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, NEXT_CURSOR } from '../api-fields';

/** One read of a declaration by an analyst or an admin: who, when, what. */
export class RecordedReadDto {
  @ApiProperty({ description: 'Decimal, increasing in the order reads were recorded' })
  id!: string;

  @ApiProperty(INSTANT)
  at!: string;

  @ApiProperty({ description: "The reader's `sub`" })
  actor!: string;

  @ApiProperty()
  role!: string;

  @ApiProperty({ example: 'GET /api/v1/declarations/:id/history' })
  route!: string;

  @ApiProperty({ format: 'uuid' })
  declarationId!: string;

  @ApiProperty()
  requestId!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [RecordedReadDto], description: 'Newest first' })
  items!: RecordedReadDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor!: string | null;
}
