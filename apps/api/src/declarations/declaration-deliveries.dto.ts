import { ApiProperty } from '@nestjs/swagger';
import { AUTHORITIES, CLOCK_STAGES, DELIVERY_OUTCOMES, REGIMES, REMINDER_KINDS } from '@vigie/domain';
import { INSTANT } from '../api-fields';

/** One webhook delivery as last attempted: a retried delivery replaces its previous attempt. */
class DeliveryViewDto {
  @ApiProperty()
  deliveryId!: string;

  @ApiProperty({ enum: DELIVERY_OUTCOMES })
  outcome!: string;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty(INSTANT)
  at!: string;
}

export class AuthorityNotificationViewDto extends DeliveryViewDto {
  @ApiProperty({ enum: AUTHORITIES })
  authority!: string;

  @ApiProperty({ type: String, nullable: true })
  region!: string | null;
}

export class ReminderViewDto extends DeliveryViewDto {
  @ApiProperty()
  clockId!: string;

  @ApiProperty({ enum: REGIMES })
  regime!: string;

  @ApiProperty({ enum: CLOCK_STAGES })
  stage!: string;

  @ApiProperty({ enum: REMINDER_KINDS })
  reminder!: string;

  @ApiProperty(INSTANT)
  dueAt!: string;
}
