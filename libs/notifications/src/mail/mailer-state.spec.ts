import { SqlNotifierState } from '../notifier-state';
import { NotifierFiles } from '../testing/notifier-test-kit';

describe('the mailer’s state beside the notifier’s [sqlite]', () => {
  let files: NotifierFiles;
  beforeEach(() => {
    files = new NotifierFiles();
  });
  afterEach(() => files.remove());

  it('a checkpoint and an agenda of its own: moving one never moves the other', async () => {
    const { dataSource } = await files.state();
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
    const tables: { name: string }[] = await dataSource.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%agenda' ORDER BY name",
    );
    expect(tables.map((table) => table.name)).toEqual(['mailer_agenda', 'notifier_agenda']);
  });
});
