import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '@vigie/domain';
import { ValidateBy, ValidateIf } from 'class-validator';
import { CodeField, EmailField, TextField } from '../declarations/fields';
import { FinessListField } from './user-fields';

const FINESS_OF_GRANT =
  'The facilities of a declarant (at least one); none for an analyst or an administrator';

/** `POST /api/v1/users`: the person, and the first grant. */
export class InviteUserDto {
  @EmailField({ example: 'rssi@ch-x.example' })
  email!: string;

  @TextField(200, { example: 'Camille Martin' })
  name!: string;

  @CodeField(USER_ROLES)
  role!: UserRole;

  @FinessListField(FINESS_OF_GRANT)
  finess?: string[];
}

/** `POST /api/v1/users/{id}/grants` and `…/revocations`. */
export class GrantDto {
  @CodeField(USER_ROLES)
  role!: UserRole;

  @FinessListField(FINESS_OF_GRANT)
  finess?: string[];
}

export class DisableUserDto {
  @TextField(500, { example: 'A quitté l’établissement' })
  reason!: string;
}

/** `POST /api/v1/me/tokens`. */
export class CreateApiTokenDto {
  @TextField(100, { example: 'Export nightly' })
  label!: string;

  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 366, default: 90 })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @ValidateBy({
    name: 'days',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 366,
      defaultMessage: () => 'must be an integer from 1 to 366',
    },
  })
  expiresInDays?: number;
}
