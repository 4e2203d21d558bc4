import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '@vigie/domain';
import { INSTANT, NULLABLE_INSTANT } from '../api-fields';

export class UserGrantDto {
  @ApiProperty({ enum: USER_ROLES })
  role!: UserRole;

  @ApiProperty({
    type: [String],
    description: 'The facilities a declarant holds, sorted; empty for the other roles',
  })
  finess!: string[];
}

export class LocalAccountStateDto {
  @ApiProperty({ description: 'The person set a password with their activation link' })
  activated!: boolean;

  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Locked after too many failed logins, until then' })
  lockedUntil!: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'In clear for administrators; `[erased]` once the person’s key is shredded' })
  email!: string;

  @ApiProperty({ description: 'In clear for administrators; `[erased]` once the person’s key is shredded' })
  name!: string;

  @ApiProperty({
    enum: USER_ROLES,
    isArray: true,
    description: 'The roles in force, in the order declarant, analyst, admin; none while disabled',
  })
  roles!: UserRole[];

  @ApiProperty({
    type: [UserGrantDto],
    description: 'Every grant held, disabled or not: one entry per role',
  })
  grants!: UserGrantDto[];

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ type: 'integer', description: 'Accounts of identity providers bound to the user' })
  logins!: number;

  @ApiProperty({
    type: LocalAccountStateDto,
    nullable: true,
    description: 'The embedded provider’s account of the user; null when there is none',
  })
  localAccount!: LocalAccountStateDto | null;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];
}

export class ActivationLinkDto {
  @ApiProperty({
    format: 'uri',
    description: 'One-time link to set the password: `<public URL>/activer#<token>`, valid 7 days',
  })
  activationUrl!: string;
}

export class InvitedUserDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({
    type: String,
    format: 'uri',
    nullable: true,
    description:
      'With the embedded provider, the one-time link to give the person (the token is in the fragment, so it reaches no server log); null otherwise',
  })
  activationUrl!: string | null;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({
    description: 'The first characters of the token, to recognise it',
    example: 'vigie_pat_Ab3x',
  })
  prefix!: string;

  @ApiProperty(INSTANT)
  createdAt!: string;

  @ApiProperty(NULLABLE_INSTANT)
  expiresAt!: string | null;

  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Written at most once a minute' })
  lastUsedAt!: string | null;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] })
  items!: ApiTokenDto[];
}

export class CreatedApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ example: 'vigie_pat_Ab3x' })
  prefix!: string;

  @ApiProperty(INSTANT)
  createdAt!: string;

  @ApiProperty(INSTANT)
  expiresAt!: string;

  @ApiProperty({
    description: 'Shown this once: send it as `Authorization: Bearer <token>`',
    example: 'vigie_pat_Ab3xQ…',
  })
  token!: string;
}
