import { ApiProperty } from '@nestjs/swagger';

const UP_DOWN = { enum: ['up', 'down'] } as const;

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty(UP_DOWN)
  eventStore!: string;

  @ApiProperty(UP_DOWN)
  readModels!: string;

  @ApiProperty(UP_DOWN)
  keyStore!: string;

  @ApiProperty(UP_DOWN)
  auditLog!: string;

  @ApiProperty({ enum: ['running', 'off'], description: '`off`: another process projects' })
  projector!: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
