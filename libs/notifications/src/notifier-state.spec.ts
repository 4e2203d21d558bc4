import { join } from 'node:path';
import { openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../test/support/postgres';
import { SqlNotifierState } from './notifier-state';
import { NotifierFiles } from './testing/notifier-test-kit';

function stateSuite(database: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
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

  it('the checkpoint starts unset, is set once, then moves only from where it is (compare-and-set)', async () => {
    const state = await SqlNotifierState.open(dataSource);
    expect(await state.checkpoint()).toBeNull();
    expect(await state.advance(null, 5n)).toBe(true);
    expect(await state.advance(null, 9n)).toBe(false);
    expect(await state.advance(4n, 9n)).toBe(false);
    expect(await state.advance(5n, 9n)).toBe(true);
    expect(await state.checkpoint()).toBe(9n);
  });

  it('the agenda answers the declarations whose time has come, the earliest first, and forgets cleared ones', async () => {
    const state = await SqlNotifierState.open(dataSource);
    const at = (iso: string) => Date.parse(iso);
    await state.schedule(
      new Map([
        ['b', at('2026-03-02T10:00:00Z')],
        ['a', at('2026-03-02T09:00:00Z')],
        ['c', at('2026-03-03T09:00:00Z')],
      ]),
    );
    expect(await state.due(new Date('2026-03-02T12:00:00Z'), 10)).toEqual(['a', 'b']);
    await state.schedule(
      new Map<string, number | null>([
        ['a', null],
        ['b', at('2026-03-04T00:00:00Z')],
      ]),
    );
    expect(await state.due(new Date('2026-03-02T12:00:00Z'), 10)).toEqual([]);
    expect(await state.due(new Date('2026-03-03T09:00:00Z'), 10)).toEqual(['c']);
  });

  it('opening it again keeps what it holds', async () => {
    await (await SqlNotifierState.open(dataSource)).advance(null, 3n);
    expect(await (await SqlNotifierState.open(dataSource)).checkpoint()).toBe(3n);
  });
}

describe('notifier state [sqlite]', () => {
  stateSuite(async () => {
    const files = new NotifierFiles();
    return { url: `sqlite:${join(files.directory, 'read.sqlite')}`, drop: () => files.remove() };
  });
});

describePostgres('notifier state', () => {
  stateSuite(() => createTestDatabase('vigie_notifier_state'));
});
