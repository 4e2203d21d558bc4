import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { REPORT_SECTIONS } from './annual-report.schema';
import { INSTANT } from '../api-fields';

type Section = Record<string, unknown>;

// A raw schema's `required` lists names, ApiProperty's says whether the property is required: wrap it.
const section = (name: keyof typeof REPORT_SECTIONS): ApiPropertyOptions => ({
  allOf: [REPORT_SECTIONS[name]],
});

/**
 * `GET /api/v1/reports/annual/{year}` as JSON, and the `report` of an edition: libs/reporting's
 * AnnualReport. Its tables are generated from the code lists it is built from, so they cannot drift.
 */
export class AnnualReportDto {
  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ ...INSTANT, description: 'Only what was recorded by this instant counts' })
  asOf!: string;

  @ApiProperty(INSTANT)
  generatedAt!: string;

  @ApiProperty({ description: 'The last global position the report counts, as a decimal string' })
  position!: string;

  @ApiProperty()
  taxonomyVersion!: string;

  @ApiProperty({ description: 'Masked: counts of 1 to 4 read "<5"' })
  public!: boolean;

  @ApiProperty(section('declarations'))
  declarations!: Section;

  @ApiProperty(section('structures'))
  structures!: Section;

  @ApiProperty(section('byStructureType'))
  byStructureType!: Section;

  @ApiProperty(section('byRegion'))
  byRegion!: Section;

  @ApiProperty(section('byMonth'))
  byMonth!: Section;

  @ApiProperty(section('origin'))
  origin!: Section;

  @ApiProperty(section('maliciousTypes'))
  maliciousTypes!: Section;

  @ApiProperty(section('nonMaliciousTypes'))
  nonMaliciousTypes!: Section;

  @ApiProperty(section('operationalImpact'))
  operationalImpact!: Section;

  @ApiProperty(section('patientEndangerment'))
  patientEndangerment!: Section;

  @ApiProperty(section('dataImpacts'))
  dataImpacts!: Section;

  @ApiProperty(section('support'))
  support!: Section;

  @ApiProperty(section('timeToDeclare'))
  timeToDeclare!: Section;

  @ApiProperty(section('deadlines'))
  deadlines!: Section;

  @ApiProperty(section('shares'))
  shares!: Section;

  // Absent from editions published before the report counted it (as degradedMode).
  @ApiPropertyOptional(section('taxonomyVersions'))
  taxonomyVersions?: Section;

  // Absent from editions published before the report counted it.
  @ApiPropertyOptional(section('degradedMode'))
  degradedMode?: Section;
}
