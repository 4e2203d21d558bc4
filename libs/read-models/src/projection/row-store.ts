import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { RowEntity } from './read-model';

/** Loads and saves rows of read-model tables by primary key, in bulk. */
export interface RowStore {
  load<Row extends object>(entity: RowEntity<Row>, keys: readonly string[]): Promise<Map<string, Row>>;
  save<Row extends object>(entity: RowEntity<Row>, rows: readonly Row[], deletedKeys: readonly string[]): Promise<void>;
}

/**
 * Rows per statement. Fixed-size chunks repeat the same SQL, which the drivers' statement caches
 * then reuse; 100 rows of the widest table stay far under SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters.
 */
const CHUNK = 100;
/** Keys per SELECT: a projector batch (500 events) loads each table's rows in one query. */
const LOAD_CHUNK = 1000;

/**
 * The one generic writer: SQL built from the entities' TypeORM metadata, one statement per table
 * and chunk (not per row), through a query runner already inside the caller's transaction.
 * `tableSuffix` targets the shadow tables of a rebuild.
 */
export class SqlRowStore implements RowStore {
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: QueryRunner,
    private readonly tableSuffix = '',
  ) {}

  async load<Row extends object>(entity: RowEntity<Row>, keys: readonly string[]): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    if (keys.length === 0) return rows;
    const { metadata, primary } = describe(this.dataSource, entity);
    const driver = this.dataSource.driver;
    for (const chunk of chunks(keys, LOAD_CHUNK)) {
      const sql = this.statement(metadata, 'select', chunk.length, () =>
        `SELECT * FROM ${this.table(metadata)} WHERE ${quote(primary.databaseName)} IN (${this.parameters(chunk.length)})`,
      );
      const raws: Record<string, unknown>[] = await this.runner.query(sql, [...chunk]);
      for (const raw of raws) {
        const row = new entity() as Record<string, unknown>;
        for (const column of metadata.columns) row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
        rows.set(String(row[primary.propertyName]), row as Row);
      }
    }
    return rows;
  }

  async save<Row extends object>(entity: RowEntity<Row>, rows: readonly Row[], deletedKeys: readonly string[]): Promise<void> {
    const { metadata, primary } = describe(this.dataSource, entity);
    const columns = metadata.columns;
    const driver = this.dataSource.driver;
    for (const chunk of chunks(rows, CHUNK)) {
      const sql = this.statement(metadata, 'upsert', chunk.length, () => {
        const names = columns.map((column) => quote(column.databaseName));
        const tuples = chunk.map((_, index) => `(${this.parameters(columns.length, index * columns.length)})`);
        const assignments = columns
          .filter((column) => column !== primary)
          .map((column) => `${quote(column.databaseName)} = excluded.${quote(column.databaseName)}`);
        return (
          `INSERT INTO ${this.table(metadata)} (${names.join(', ')}) VALUES ${tuples.join(', ')} ` +
          `ON CONFLICT (${quote(primary.databaseName)}) DO UPDATE SET ${assignments.join(', ')}`
        );
      });
      const values: unknown[] = [];
      for (const row of chunk) {
        for (const column of columns) {
          const value = driver.preparePersistentValue((row as Record<string, unknown>)[column.propertyName], column);
          values.push(value === undefined ? null : value);
        }
      }
      await this.runner.query(sql, values);
    }
    for (const chunk of chunks(deletedKeys, CHUNK)) {
      const sql = this.statement(metadata, 'delete', chunk.length, () =>
        `DELETE FROM ${this.table(metadata)} WHERE ${quote(primary.databaseName)} IN (${this.parameters(chunk.length)})`,
      );
      await this.runner.query(sql, [...chunk]);
    }
  }

  /** SQL text is built once per table, statement kind and row count: most chunks are full. */
  private statement(metadata: EntityMetadata, kind: string, count: number, build: () => string): string {
    const key = `${metadata.tableName}/${kind}/${count}`;
    let sql = this.statements.get(key);
    if (sql === undefined) {
      sql = build();
      this.statements.set(key, sql);
    }
    return sql;
  }

  private table(metadata: EntityMetadata): string {
    return quote(metadata.tableName + this.tableSuffix);
  }

  private parameters(count: number, first = 0): string {
    return Array.from({ length: count }, (_, index) => this.dataSource.driver.createParameter(`p${first + index}`, first + index)).join(', ');
  }
}

const descriptions = new WeakMap<DataSource, Map<RowEntity<object>, { metadata: EntityMetadata; primary: ColumnMetadata }>>();

function describe(dataSource: DataSource, entity: RowEntity<object>): { metadata: EntityMetadata; primary: ColumnMetadata } {
  let byEntity = descriptions.get(dataSource);
  if (!byEntity) descriptions.set(dataSource, (byEntity = new Map()));
  let description = byEntity.get(entity);
  if (!description) {
    const metadata = dataSource.getMetadata(entity);
    if (metadata.primaryColumns.length !== 1) throw new Error(`${metadata.tableName}: a read-model table has exactly one primary column`);
    description = { metadata, primary: metadata.primaryColumns[0] };
    byEntity.set(entity, description);
  }
  return description;
}

export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
