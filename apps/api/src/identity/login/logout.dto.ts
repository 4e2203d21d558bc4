import { ApiProperty } from '@nestjs/swagger';

export class LogoutDto {
  @ApiProperty({
    description: "The provider's end-session URL (with the ID token hint), or `/` when it has none",
  })
  redirectTo!: string;
}
