import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { HistoryReach } from './history-reach';
import { PublishReportHandler } from './publish-report.handler';
import {
  GetAnnualReportHandler,
  GetPublicationHandler,
  GetRestatementsHandler,
  ListPublicationsHandler,
} from './report-queries';
import { ReportsController } from './reports.controller';

/** The yearly report over HTTP, and its published editions (event-sourced in `report-publication-<year>`). */
@Module({
  imports: [CqrsModule],
  controllers: [ReportsController],
  providers: [
    GetAnnualReportHandler,
    ListPublicationsHandler,
    GetPublicationHandler,
    GetRestatementsHandler,
    PublishReportHandler,
    ReadYourWrites,
    HistoryReach,
  ],
})
export class ReportsModule {}
