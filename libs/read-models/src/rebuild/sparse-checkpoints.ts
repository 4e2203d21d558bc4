import type { DataSource } from 'typeorm';
import { dialectOf } from '../data-source/read-data-source';

/** WAL pages (4 KiB) between automatic checkpoints while a rebuild fills its shadow tables: 64 MiB. */
export const REBUILD_CHECKPOINT_PAGES = 16_384;

/**
 * SQLite: checkpoints the WAL less often while `work` fills the shadow tables. A checkpoint copies
 * every page changed since the previous one into the database file and syncs it; a bulk load
 * changes the same pages (index leaves, the tail of each table) batch after batch, so sparser
 * checkpoints copy and sync each page fewer times. The WAL stays bounded, the connection's own
 * setting is back before the swap, and durability is unchanged: nothing of a rebuild counts
 * before its swap commits.
 */
export async function withSparseCheckpoints<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) !== 'sqlite') return work();
  const [setting]: { wal_autocheckpoint: number }[] = await dataSource.query('PRAGMA wal_autocheckpoint');
  const pages = Number(setting?.wal_autocheckpoint ?? 1000);
  await dataSource.query(`PRAGMA wal_autocheckpoint = ${Math.max(pages, REBUILD_CHECKPOINT_PAGES)}`);
  try {
    return await work();
  } finally {
    await dataSource.query(`PRAGMA wal_autocheckpoint = ${pages}`);
  }
}
