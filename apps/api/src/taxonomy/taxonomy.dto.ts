import { ApiProperty } from '@nestjs/swagger';

/** The documented shape of `taxonomyDocument()` (libs/domain/src/taxonomy/taxonomy-document.ts). */
export class TaxonomyLabelDto {
  @ApiProperty({ example: 'Établissement de santé' })
  fr!: string;

  @ApiProperty({ example: 'Health facility' })
  en!: string;
}

export class TaxonomyCodeDto {
  @ApiProperty({
    example: 'ES',
    description: 'As the API’s bodies and events write it: never reused for another meaning',
  })
  code!: string;

  @ApiProperty({ type: TaxonomyLabelDto })
  labels!: TaxonomyLabelDto;
}

export class TaxonomyListDto {
  @ApiProperty({
    example: 'structureType',
    description:
      'structureType, nis2, region, origin, operationalImpact, patientEndangerment, dataImpact, affectedSystem, handlingState, maliciousType, nonMaliciousType, supplierInvolvement, otherNotification, qualifiedOrigin, attackVector, regulatoryQualification, interventionKind',
  })
  id!: string;

  @ApiProperty({
    type: [String],
    example: ['structure.type'],
    description: 'The body fields, dotted, that take these codes',
  })
  fields!: string[];

  @ApiProperty({ type: [TaxonomyCodeDto], description: 'In the order the form shows them' })
  codes!: TaxonomyCodeDto[];
}

export class TaxonomyDto {
  @ApiProperty({ example: '2026.1', description: 'TAXONOMY_VERSION: what events written now record' })
  version!: string;

  @ApiProperty({
    format: 'date',
    example: '2017-10-01',
    description: 'First day declarations are coded with it',
  })
  validFrom!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: null,
    description: 'Last day, once a later version replaced it; null for the current one',
  })
  validUntil!: string | null;

  @ApiProperty({
    type: [TaxonomyListDto],
    description: 'The declaration form’s lists in its order, then the CERT’s',
  })
  lists!: TaxonomyListDto[];
}
