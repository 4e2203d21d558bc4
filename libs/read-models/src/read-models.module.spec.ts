import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SqliteEventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { getDeclaration } from './queries/declaration-queries';
import {
  PROJECTION_PROGRESS,
  PROJECTOR,
  READ_DATA_SOURCE,
  ReadModelsModule,
  type ProjectionProgress,
} from './read-models.module';
import { Projector } from './projector/projector';
import { appendDeclarationEvents, temporaryDirectory } from './testing/read-test-kit';
import { DECLARATION_ID, submittedData } from './testing/recorded-events';

describe('ReadModelsModule', () => {
  const directory = temporaryDirectory('module');
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'));
  });
  afterAll(async () => {
    await store.close();
    directory.remove();
  });

  async function context(projector: 'inline' | 'off') {
    const readDbUrl = `sqlite:${join(directory.path, `read-${projector}.sqlite`)}`;
    @Module({ imports: [ReadModelsModule.forRoot({ readDbUrl, projector, store, pollIntervalMs: 20 })] })
    class AppModule {}
    return NestFactory.createApplicationContext(AppModule, { logger: false });
  }

  it('inline: runs the projector from init to shutdown; a write is readable once waited for', async () => {
    const app = await context('inline');
    const projector = app.get<Projector | null>(PROJECTOR);
    expect(projector).toBeInstanceOf(Projector);
    expect(projector?.metrics()[0].running).toBe(true);
    const position = await appendDeclarationEvents(store, [
      { type: 'DeclarationSubmitted', data: submittedData() },
    ]);
    expect(await app.get<ProjectionProgress>(PROJECTION_PROGRESS).waitFor(position, 5000)).toBe(true);
    expect(await getDeclaration(app.get<DataSource>(READ_DATA_SOURCE), DECLARATION_ID)).toMatchObject({
      id: DECLARATION_ID,
    });
    await app.close();
    expect(projector?.metrics()[0].running).toBe(false);
    expect(app.get<DataSource>(READ_DATA_SOURCE).isInitialized).toBe(false);
  });

  it('off: no projector here; progress is read from the checkpoints another process commits', async () => {
    const app = await context('off');
    expect(app.get(PROJECTOR)).toBeNull();
    const progress = app.get<ProjectionProgress>(PROJECTION_PROGRESS);
    const head = await store.headPosition();
    expect(await progress.position()).toBe(0n);
    expect(await progress.waitFor(head, 100)).toBe(false);
    const other = new Projector({ store, dataSource: app.get<DataSource>(READ_DATA_SOURCE) });
    await other.catchUp();
    expect(await progress.waitFor(head, 1000)).toBe(true);
    await app.close();
  });
});
