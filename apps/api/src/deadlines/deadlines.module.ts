import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { NotificationsModule } from '../notifications/notifications.module';
import { GetDeclarationClocksHandler, ListDeadlinesHandler } from './deadline-queries';
import { DeadlinesController } from './deadlines.controller';
import { RegulatoryActionsController } from './regulatory-actions.controller';

/**
 * Regulatory clocks: the staged reports and requests (commands on the declaration bus), the
 * deadlines read model's queries, and the notifier that informs authorities and reminds facilities.
 */
@Module({
  imports: [CqrsModule, NotificationsModule],
  controllers: [DeadlinesController, RegulatoryActionsController],
  providers: [ListDeadlinesHandler, GetDeclarationClocksHandler, ReadYourWrites],
})
export class DeadlinesModule {}
