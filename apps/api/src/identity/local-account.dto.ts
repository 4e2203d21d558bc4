import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@vigie/identity';
import { IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { isPrintable } from '../declarations/fields';

/** Bounded before scrypt sees it. */
const PASSWORD_INPUT_MAX = 1024;

/**
 * Not blank, no control characters nor lone surrogates (as every text field of the API): nobody
 * types them, and a password of spaces only is none.
 */
const Printable = (): PropertyDecorator =>
  ValidateBy({
    name: 'printable',
    validator: {
      validate: (value) => typeof value === 'string' && value.trim() !== '' && isPrintable(value),
      defaultMessage: () => 'must not be blank nor hold control characters or unpaired surrogates',
    },
  });

export class ActivationDto {
  @ApiProperty({
    description: 'The one-time token of the activation link (43 base64url characters)',
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the 43 characters of the activation link' })
  token!: string;

  @ApiProperty({
    description: 'The new password: 12 to 128 characters, not containing the part of the e-mail before @',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @Printable()
  password!: string;
}

export class PasswordChangeDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_INPUT_MAX)
  @Printable()
  currentPassword!: string;

  @ApiProperty({
    description: '12 to 128 characters, not containing the part of the e-mail before @',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @Printable()
  newPassword!: string;
}

export class TotpConfirmationDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator shows', example: '123456' })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'must be the 6 digits the authenticator shows' })
  code!: string;
}

/** The caller's local account of the embedded provider. */
export class LocalAccountDto {
  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ description: 'Whether a password was set with the activation link' })
  activated!: boolean;

  @ApiProperty({ description: 'Analysts and admins log in with a TOTP second factor' })
  totpRequired!: boolean;

  @ApiProperty()
  totpEnrolled!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when logins are refused after five failures in a row',
  })
  lockedUntil!: string | null;
}

/** A TOTP enrolment in progress: the secret to type or the URI to scan, until a first code confirms it. */
export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Vigie:jeanne%40ch-x.example?issuer=Vigie&secret=…' })
  otpauthUri!: string;
}
