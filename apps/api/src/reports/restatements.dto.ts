import { ApiProperty } from '@nestjs/swagger';
import { INSTANT } from '../api-fields';

class RestatedEditionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  position!: string;

  @ApiProperty(INSTANT)
  publishedAt!: string;
}

class ComparedBoundDto {
  @ApiProperty(INSTANT)
  asOf!: string;

  @ApiProperty()
  position!: string;
}

/** A count that differs between the edition and now (or `asOf`), and the declarations that moved it. */
export class RestatementDto {
  @ApiProperty({ description: 'The report section, as the CSV rendering names it' })
  section!: string;

  @ApiProperty()
  key!: string;

  @ApiProperty({ type: 'integer' })
  old!: number;

  @ApiProperty({ type: 'integer' })
  new!: number;

  @ApiProperty({ type: [String], description: 'Declaration ids' })
  declarations!: string[];
}

export class RestatementsDto {
  @ApiProperty({ type: RestatedEditionDto })
  publication!: RestatedEditionDto;

  @ApiProperty({ type: ComparedBoundDto })
  comparedWith!: ComparedBoundDto;

  @ApiProperty({ type: [RestatementDto] })
  changes!: RestatementDto[];
}
