import { ApiProperty } from '@nestjs/swagger';

export class SiteLoginDto {
  @ApiProperty({
    enum: ['embedded', 'external'],
    description: '`embedded`: Vigie’s own provider and local accounts; `external`: ProConnect, Keycloak …',
  })
  provider!: 'embedded' | 'external';
}

/** What the web application shows before anyone logs in: who runs the service, how to log in. */
export class SiteDto {
  @ApiProperty({ example: 'CERT Santé' })
  operatorName!: string;

  @ApiProperty({
    type: [String],
    example: ['République', 'Française'],
    description: 'The State’s brand block, one line per entry; empty when the service is not a State one',
  })
  brandTop!: string[];

  @ApiProperty({ example: '+33 (0)9 72 43 91 25', description: 'The CERT’s 24/7 number' })
  emergencyPhone!: string;

  @ApiProperty({ type: SiteLoginDto })
  login!: SiteLoginDto;
}
