import { Module } from '@nestjs/common';
import { AdminSettingsController } from './admin-settings.controller';

/** `GET /api/v1/admin/settings/notifications`: the console's administration page shows them. */
@Module({ controllers: [AdminSettingsController] })
export class AdminSettingsModule {}
