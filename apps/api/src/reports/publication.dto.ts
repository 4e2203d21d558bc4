import { ApiProperty } from '@nestjs/swagger';
import { AnnualReportDto } from './annual-report.dto';
import { INSTANT } from '../api-fields';

/** An edition of the yearly report, frozen from the log up to `position`. */
class PublicationFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ description: 'The last global position the edition counts' })
  position!: string;

  @ApiProperty()
  taxonomyVersion!: string;

  @ApiProperty(INSTANT)
  asOf!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ description: 'sha256 of the canonical JSON report' })
  checksum!: string;

  @ApiProperty()
  publishedBy!: string;

  @ApiProperty(INSTANT)
  publishedAt!: string;

  @ApiProperty({ description: 'Position of the ReportPublished event itself' })
  recordedPosition!: string;
}

/** The publication's answer and an item of the list: without the report, with its total. */
export class PublicationSummaryDto extends PublicationFieldsDto {
  @ApiProperty({ type: 'integer', description: 'declarations.total of the edition' })
  total!: number;
}

export class PublicationListDto {
  @ApiProperty({ type: [PublicationSummaryDto], description: 'Newest first' })
  items!: PublicationSummaryDto[];
}

/** One edition, with the report it froze (unmasked). */
export class PublicationDto extends PublicationFieldsDto {
  @ApiProperty({ type: AnnualReportDto })
  report!: AnnualReportDto;
}
