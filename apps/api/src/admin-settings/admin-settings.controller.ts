import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { VigieConfig } from '@vigie/config';
import { Roles } from '../auth/auth.decorators';
import { VIGIE_CONFIG } from '../config/config.tokens';
import { ApiProblems } from '../problem/api-problems.decorator';
import { mailSettings, webhookSettings } from './settings-view';
import { NotificationSettingsDto } from './settings.dto';

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@ApiProblems(401, 403, 429, 503)
@Controller('api/v1/admin/settings')
export class AdminSettingsController {
  constructor(@Inject(VIGIE_CONFIG) private readonly config: VigieConfig) {}

  @Get('notifications')
  @ApiOkResponse({
    type: NotificationSettingsDto,
    description:
      'The mail and webhook settings as this process reads them, read-only and without secrets. Admins only',
  })
  notifications(): NotificationSettingsDto {
    // The notifier reads the process environment too (notifications.module.ts).
    return { mail: mailSettings(this.config.mail), webhooks: webhookSettings(process.env) };
  }
}
