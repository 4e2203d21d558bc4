import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationCommandHandler } from './declaration-command.handler';
import {
  GetDeclarationHandler,
  GetDeclarationHistoryHandler,
  ListDeclarationsHandler,
} from './declaration-queries';
import { DeclarationCountsController } from './counts/declaration-counts.controller';
import { DeclarationsController } from './declarations.controller';
import { DeclarationFeedController } from './feed/declaration-feed.controller';
import { AssigneeCheck } from './assignee-check';
import { DeclarationExport } from './export/declaration-export';
import { ReadYourWrites } from './read-your-writes';
import { ReceiptController } from './receipt/receipt.controller';
import { DeclarationReferences } from './references/declaration-references';

@Module({
  imports: [CqrsModule],
  controllers: [
    DeclarationsController,
    ReceiptController,
    DeclarationFeedController,
    DeclarationCountsController,
  ],
  providers: [
    DeclarationCommandHandler,
    GetDeclarationHandler,
    GetDeclarationHistoryHandler,
    ListDeclarationsHandler,
    ReadYourWrites,
    DeclarationReferences,
    AssigneeCheck,
    DeclarationExport,
  ],
})
export class DeclarationsModule {}
