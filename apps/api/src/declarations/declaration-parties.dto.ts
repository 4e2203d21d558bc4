import { ApiProperty } from '@nestjs/swagger';
import { NIS2_STATUSES, STRUCTURE_TYPES } from '@vigie/domain';

export class StructureViewDto {
  @ApiProperty()
  finess!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: STRUCTURE_TYPES })
  type!: string;

  @ApiProperty({ description: 'INSEE region code' })
  region!: string;

  @ApiProperty()
  isOse!: boolean;

  @ApiProperty({ enum: NIS2_STATUSES })
  nis2!: string;
}

/** Personal data, decrypted at the edge; `[erased]` once the subject's key is gone. */
export class DeclarantViewDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  role!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
}
