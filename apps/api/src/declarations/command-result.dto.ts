import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every command answers (with `ETag: "<revision>"`). */
export class CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Revision of the declaration after the command; 0 after the submission' })
  revision!: number;

  @ApiProperty({
    description: 'Global position of the last event appended, as a decimal string',
    example: '42',
  })
  position!: string;

  @ApiPropertyOptional({
    description: 'A submission’s human reference (YYYY-NNNNNN), in its answer and in a retry’s',
    example: '2026-000042',
  })
  reference?: string;
}
