import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationCommandHandler } from './declaration-command.handler';
import { GetDeclarationHandler, GetDeclarationHistoryHandler } from './declaration-queries';
import { DeclarationsController } from './declarations.controller';

@Module({
  imports: [CqrsModule],
  controllers: [DeclarationsController],
  providers: [DeclarationCommandHandler, GetDeclarationHandler, GetDeclarationHistoryHandler],
})
export class DeclarationsModule {}
