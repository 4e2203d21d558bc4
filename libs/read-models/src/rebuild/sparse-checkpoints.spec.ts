import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openReadDataSource } from '../data-source/read-data-source';
import { temporaryDirectory } from '../testing/read-test-kit';
import { REBUILD_CHECKPOINT_PAGES, withSparseCheckpoints } from './sparse-checkpoints';

describe('sparse checkpoints during a rebuild [sqlite]', () => {
  const directory = temporaryDirectory('sparse-checkpoints');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openReadDataSource(`sqlite:${join(directory.path, 'read.sqlite')}`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    directory.remove();
  });

  const pages = async (): Promise<number> =>
    Number((await dataSource.query('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint);

  it('checkpoints less often during the work, and restores the connection setting after it, even when it fails', async () => {
    const before = await pages();
    expect(await withSparseCheckpoints(dataSource, async () => pages())).toBe(REBUILD_CHECKPOINT_PAGES);
    expect(await pages()).toBe(before);
    await expect(
      withSparseCheckpoints(dataSource, async () => {
        throw new Error('replay failed');
      }),
    ).rejects.toThrow('replay failed');
    expect(await pages()).toBe(before);
  });
});
