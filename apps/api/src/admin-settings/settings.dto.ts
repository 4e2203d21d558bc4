import { ApiProperty } from '@nestjs/swagger';

class MailSettingsDto {
  @ApiProperty({ enum: ['smtp', 'outbox', 'off'], description: 'docs/mail.md' })
  mode!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The relay, scheme, host and port only (smtp mode); never its credentials',
  })
  relay!: string | null;

  @ApiProperty({ description: 'Whether the relay URL carries credentials (not which)' })
  relayAuthenticated!: boolean;

  @ApiProperty({ description: 'The From: header' })
  from!: string;

  @ApiProperty({ type: 'integer' })
  maxAttempts!: number;

  @ApiProperty({ type: 'integer' })
  backoffMs!: number;

  @ApiProperty({ type: 'integer' })
  maxRounds!: number;

  @ApiProperty({ type: 'integer' })
  roundCooldownMs!: number;
}

class ArsWebhookDto {
  @ApiProperty({ description: 'INSEE region code' })
  region!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Scheme, host and port only' })
  origin!: string | null;
}

class WebhookSettingsDto {
  @ApiProperty({ description: 'At least one webhook is configured: the notifier runs' })
  configured!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the notifier refuses its configuration (names variables, never values)',
  })
  problem!: string | null;

  @ApiProperty({ type: [ArsWebhookDto] })
  ars!: ArsWebhookDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Scheme, host and port only' })
  hfds!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'VIGIE_WEBHOOK_FACILITIES: scheme, host and port only',
  })
  facilitiesTemplate!: string | null;

  @ApiProperty({ type: 'integer', description: 'Facilities with their own VIGIE_WEBHOOK_FACILITY_<FINESS>' })
  facilityOverrides!: number;

  @ApiProperty({ type: String, nullable: true })
  publicUrl!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  reminderLeadMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxAttempts!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  timeoutMs!: number | null;
}

/** What the mail and webhook configuration is, without a secret: no password, token, path or query. */
export class NotificationSettingsDto {
  @ApiProperty({ type: MailSettingsDto })
  mail!: MailSettingsDto;

  @ApiProperty({ type: WebhookSettingsDto })
  webhooks!: WebhookSettingsDto;
}
