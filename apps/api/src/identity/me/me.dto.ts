import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../auth/principal';

export class MeUserDto {
  @ApiProperty({ description: 'The opaque user id: the actor events record' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for a caller that is no Vigie user (a script token)',
  })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
}

/** The caller, as the web app shows them; the CSRF token when they came with the session cookie. */
export class MeDto {
  @ApiProperty({ type: MeUserDto })
  user!: MeUserDto;

  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'The roles in force; the highest is the one acted with',
  })
  roles!: Role[];

  @ApiProperty({ type: [String], description: 'The facilities (FINESS) the caller declares for' })
  finess!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Send it as `X-CSRF-Token` with every state-changing request made with the session cookie',
  })
  csrfToken!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The session ends then at the latest',
  })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The session ends then if unused',
  })
  idleExpiresAt!: string | null;

  @ApiProperty({
    description: 'Logged in with an account of the embedded provider (password and TOTP managed here)',
  })
  localAccount!: boolean;
}
