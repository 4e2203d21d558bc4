import type { DataSource, QueryRunner } from 'typeorm';
import { dialectOf } from '../data-source/read-data-source';
import { quote } from '../projection/row-store';

export const SHADOW_SUFFIX = '__rebuild';

/**
 * A fresh copy of a read-model table, filled while the live one keeps answering, then swapped in.
 * Its definition is read from the database's catalog, so it follows whatever the migrations made.
 */
export interface ShadowTable {
  table: string;
  /** Creates the empty shadow (primary key only: secondary indexes come after the bulk load). */
  create(runner: QueryRunner): Promise<void>;
  /** Before the swap, outside the lock: what can be prepared without blocking anyone. */
  prepareSwap(runner: QueryRunner): Promise<void>;
  /** Inside the swap transaction: the shadow takes the table's place, name and indexes. */
  swap(runner: QueryRunner): Promise<void>;
  drop(runner: QueryRunner): Promise<void>;
}

export async function shadowTable(
  dataSource: DataSource,
  runner: QueryRunner,
  table: string,
): Promise<ShadowTable> {
  return dialectOf(dataSource) === 'postgres' ? postgresShadow(runner, table) : sqliteShadow(runner, table);
}

async function sqliteShadow(runner: QueryRunner, table: string): Promise<ShadowTable> {
  const shadow = table + SHADOW_SUFFIX;
  const [definition]: { sql: string }[] = await runner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`,
    [table],
  );
  if (!definition) throw new Error(`No table ${table}: run the read-model migrations first`);
  const indexes: { sql: string }[] = await runner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
    [table],
  );
  const createShadow = definition.sql.replace(
    /^CREATE TABLE\s+("[^"]+"|\S+)/i,
    `CREATE TABLE ${quote(shadow)}`,
  );
  return {
    table,
    create: async (r) => {
      await r.query(`DROP TABLE IF EXISTS ${quote(shadow)}`);
      await r.query(createShadow);
    },
    prepareSwap: async () => undefined,
    // SQLite cannot rename an index: the table's own index definitions are replayed on the new table.
    swap: async (r) => {
      await r.query(`DROP TABLE ${quote(table)}`);
      await r.query(`ALTER TABLE ${quote(shadow)} RENAME TO ${quote(table)}`);
      for (const index of indexes) await r.query(index.sql);
    },
    drop: async (r) => {
      await r.query(`DROP TABLE IF EXISTS ${quote(shadow)}`);
    },
  };
}

async function postgresShadow(runner: QueryRunner, table: string): Promise<ShadowTable> {
  const shadow = table + SHADOW_SUFFIX;
  const [primaryKey]: { name: string; definition: string }[] = await runner.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = to_regclass(quote_ident($1)) AND contype = 'p'`,
    [table],
  );
  if (!primaryKey)
    throw new Error(`No table ${table} with a primary key: run the read-model migrations first`);
  const indexes: { name: string; definition: string }[] = await runner.query(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = $1 AND indexname <> $2`,
    [table, primaryKey.name],
  );
  const shadowIndex = (name: string): string => `${name}${SHADOW_SUFFIX}`.slice(0, 63);
  return {
    table,
    create: async (r) => {
      await r.query(`DROP TABLE IF EXISTS ${quote(shadow)}`);
      await r.query(
        `CREATE TABLE ${quote(shadow)} (LIKE ${quote(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
      );
      await r.query(
        `ALTER TABLE ${quote(shadow)} ADD CONSTRAINT ${quote(shadowIndex(primaryKey.name))} ${primaryKey.definition}`,
      );
    },
    prepareSwap: async (r) => {
      for (const index of indexes) {
        const match = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ (USING .*)$/is.exec(index.definition);
        if (!match) throw new Error(`Cannot copy index ${index.name}: ${index.definition}`);
        await r.query(
          `CREATE ${match[1] ?? ''}INDEX ${quote(shadowIndex(index.name))} ON ${quote(shadow)} ${match[2]}`,
        );
      }
    },
    swap: async (r) => {
      await r.query(`DROP TABLE ${quote(table)}`);
      await r.query(`ALTER TABLE ${quote(shadow)} RENAME TO ${quote(table)}`);
      await r.query(
        `ALTER TABLE ${quote(table)} RENAME CONSTRAINT ${quote(shadowIndex(primaryKey.name))} TO ${quote(primaryKey.name)}`,
      );
      for (const index of indexes)
        await r.query(`ALTER INDEX ${quote(shadowIndex(index.name))} RENAME TO ${quote(index.name)}`);
    },
    drop: async (r) => {
      await r.query(`DROP TABLE IF EXISTS ${quote(shadow)}`);
    },
  };
}
