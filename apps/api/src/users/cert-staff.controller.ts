import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PersonalDataVault } from '@vigie/privacy';
import { READ_DATA_SOURCE, listUsers, type UserListing } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../problem/api-problems.decorator';

export class CertMemberDto {
  @ApiProperty({ description: 'What `assignee`, note authors and history actors hold' })
  sub!: string;

  @ApiProperty({ description: 'The person’s name; `[erased]` once their key is shredded' })
  name!: string;

  @ApiProperty({
    description: 'Holds the analyst or admin role now and is not disabled: may be assigned declarations',
  })
  active!: boolean;
}

export class CertStaffDto {
  @ApiProperty({ type: [CertMemberDto], description: 'By name' })
  items!: CertMemberDto[];
}

const OF_THE_CERT = new Set(['analyst', 'admin']);
const everOfTheCert = (user: UserListing): boolean =>
  user.grants.some((grant) => OF_THE_CERT.has(grant.role));

/**
 * The CERT's own people, so that the console shows names rather than opaque subs and offers the
 * analysts to assign a declaration to. Those who left stay listed (inactive): their names still
 * sign past notes and steps. No e-mail: a colleague's name is what the console needs.
 */
@ApiTags('users')
@ApiBearerAuth()
@Roles('analyst', 'admin')
@ApiProblems(401, 403, 429, 503)
@Controller('api/v1/cert-staff')
export class CertStaffController {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
  ) {}

  @Get()
  @ApiOkResponse({ type: CertStaffDto })
  async list(): Promise<CertStaffDto> {
    const staff = (await listUsers(this.dataSource)).filter(everOfTheCert);
    const items = await Promise.all(
      staff.map(async (user) => ({
        sub: user.userId,
        name: (await this.vault.reveal({ name: user.name, email: user.email, role: '', phone: null })).name,
        active: !user.disabled && user.roles.some((role) => OF_THE_CERT.has(role)),
      })),
    );
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.sub.localeCompare(b.sub)) };
  }
}
