import { join } from 'node:path';
import { openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { SqlNotifierState } from '../notifier-state';
import { NotifierFiles } from '../testing/notifier-test-kit';

function mailerStateSuite(database: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const opened = await database();
    drop = opened.drop;
    dataSource = await openReadDataSource(opened.url);
  });
  afterEach(async () => {
    await dataSource.destroy();
    await drop();
  });

  it('a checkpoint, an origin and an agenda of its own: moving one never moves the other', async () => {
    const notifier = await SqlNotifierState.open(dataSource);
    const mailer = await SqlNotifierState.open(dataSource, 'mailer');
    expect(await notifier.advance(null, 7n)).toBe(true);
    expect(await mailer.checkpoint()).toBeNull();
    expect(await mailer.advance(null, 3n)).toBe(true);
    expect([await notifier.checkpoint(), await mailer.checkpoint()]).toEqual([7n, 3n]);
    // Where each first started stays put as the checkpoint moves.
    expect(await mailer.advance(3n, 12n)).toBe(true);
    expect([await mailer.origin(), await notifier.origin()]).toEqual([3n, 7n]);

    await mailer.schedule(new Map([['declaration-a', Date.parse('2026-03-02T09:00:00Z')]]));
    expect(await mailer.due(new Date('2026-03-03T00:00:00Z'), 10)).toEqual(['declaration-a']);
    expect(await notifier.due(new Date('2026-03-03T00:00:00Z'), 10)).toEqual([]);
  });
}

describe('the mailer’s state beside the notifier’s [sqlite]', () => {
  mailerStateSuite(async () => {
    const files = new NotifierFiles();
    return { url: `sqlite:${join(files.directory, 'read.sqlite')}`, drop: () => files.remove() };
  });
});

describePostgres('the mailer’s state beside the notifier’s', () => {
  mailerStateSuite(() => createTestDatabase('vigie_mailer_state'));
});
