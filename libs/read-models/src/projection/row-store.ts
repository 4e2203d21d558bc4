import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** A TypeORM entity class whose table has exactly one (text) primary column. */
export type RowEntity<Row> = new () => Row;

/** Loads and saves rows of read-model tables by primary key, in bulk. */
export interface RowStore {
  load<Row extends object>(entity: RowEntity<Row>, keys: readonly string[]): Promise<Map<string, Row>>;
  save<Row extends object>(
    entity: RowEntity<Row>,
    rows: readonly Row[],
    deletedKeys: readonly string[],
  ): Promise<void>;
  /** Deletes the rows whose (numeric) column is at least `value`. */
  deleteAtLeast<Row extends object>(
    entity: RowEntity<Row>,
    property: keyof Row & string,
    value: number,
  ): Promise<void>;
}

/**
 * SQLite: rows per multi-row statement. Fixed-size chunks repeat the same SQL, which the
 * statement cache reuses; 100 rows of the widest table stay far under 32,766 bound parameters.
 */
const SQLITE_ROWS = 100;
/** Keys per SELECT or DELETE on SQLite: a projector batch (500 events) loads each table in one query. */
const SQLITE_KEYS = 1000;
const SQLITE_KEY_SIZES = [8, 64, 256, 1000];
/** PostgreSQL takes one array per column: a whole batch per statement, bounded to keep statements modest. */
const POSTGRES_ROWS = 5000;

/** PostgreSQL array type of each TypeORM column type the read models use. */
const POSTGRES_ARRAY: Record<string, string> = {
  text: 'text[]',
  'simple-json': 'text[]',
  integer: 'integer[]',
  bigint: 'bigint[]',
  boolean: 'boolean[]',
};

interface Table {
  metadata: EntityMetadata;
  primary: ColumnMetadata;
}

/**
 * The one generic writer: SQL built from the entities' TypeORM metadata, run through a query
 * runner already inside the caller's transaction; one statement per table and chunk, never one
 * per row. On PostgreSQL rows travel as one array per column (`unnest`), so a batch is one short
 * statement to parse instead of thousands of parameters. `tableSuffix` targets a rebuild's
 * shadow tables.
 */
export class SqlRowStore implements RowStore {
  private readonly statements = new Map<string, string>();
  private readonly postgres: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: QueryRunner,
    private readonly tableSuffix = '',
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  async load<Row extends object>(entity: RowEntity<Row>, keys: readonly string[]): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    if (keys.length === 0) return rows;
    const { metadata, primary } = this.describe(entity);
    const driver = this.dataSource.driver;
    for (const chunk of chunks(keys, this.postgres ? POSTGRES_ROWS : SQLITE_KEYS)) {
      const [sql, parameters] = this.byKeys('SELECT *', { metadata, primary }, chunk);
      const raws: Record<string, unknown>[] = await this.runner.query(sql, parameters);
      for (const raw of raws) {
        const row = new entity() as Record<string, unknown>;
        for (const column of metadata.columns)
          row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
        rows.set(String(row[primary.propertyName]), row as Row);
      }
    }
    return rows;
  }

  async save<Row extends object>(
    entity: RowEntity<Row>,
    rows: readonly Row[],
    deletedKeys: readonly string[],
  ): Promise<void> {
    const table = this.describe(entity);
    if (this.postgres) {
      for (const chunk of chunks(rows, POSTGRES_ROWS)) await this.upsertColumns(table, chunk);
    } else {
      for (const chunk of sqliteChunks(rows)) await this.upsertRows(table, chunk);
    }
    for (const chunk of chunks(deletedKeys, this.postgres ? POSTGRES_ROWS : SQLITE_KEYS)) {
      const [sql, parameters] = this.byKeys('DELETE', table, chunk);
      await this.runner.query(sql, parameters);
    }
  }

  async deleteAtLeast<Row extends object>(
    entity: RowEntity<Row>,
    property: keyof Row & string,
    value: number,
  ): Promise<void> {
    const { metadata } = this.describe(entity);
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.tableName}: no column for ${property}`);
    const sql = this.statement(metadata, `delete-at-least/${property}`, 0, () => {
      const parameter = this.postgres ? '$1' : '?';
      return `DELETE FROM ${this.table(metadata)} WHERE ${quote(column.databaseName)} >= ${parameter}`;
    });
    await this.runner.query(sql, [value]);
  }

  private async upsertRows({ metadata, primary }: Table, rows: readonly object[]): Promise<void> {
    const columns = metadata.columns;
    const sql = this.statement(metadata, 'upsert', rows.length, () => {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      return `${this.insertInto(metadata)} VALUES ${rows.map(() => tuple).join(', ')} ${this.onConflict(metadata, primary)}`;
    });
    const values: unknown[] = [];
    for (const row of rows) for (const column of columns) values.push(this.persistent(row, column));
    await this.runner.query(sql, values);
  }

  private async upsertColumns({ metadata, primary }: Table, rows: readonly object[]): Promise<void> {
    const columns = metadata.columns;
    const sql = this.statement(metadata, 'upsert', 0, () => {
      const arrays = columns.map((column, index) => `$${index + 1}::${arrayTypeOf(metadata, column)}`);
      return `${this.insertInto(metadata)} SELECT * FROM unnest(${arrays.join(', ')}) ${this.onConflict(metadata, primary)}`;
    });
    await this.runner.query(
      sql,
      columns.map((column) => rows.map((row) => this.persistent(row, column))),
    );
  }

  private byKeys(verb: string, { metadata, primary }: Table, keys: readonly string[]): [string, unknown[]] {
    const target = `${verb} FROM ${this.table(metadata)} WHERE ${quote(primary.databaseName)}`;
    if (this.postgres) {
      return [
        this.statement(metadata, verb, 0, () => `${target} = ANY($1::${arrayTypeOf(metadata, primary)})`),
        [keys],
      ];
    }
    // Padded with the first key to a few sizes, so that the prepared statements are reused.
    const size = SQLITE_KEY_SIZES.find((candidate) => candidate >= keys.length) ?? keys.length;
    const padded = [...keys, ...Array<string>(size - keys.length).fill(keys[0])];
    return [
      this.statement(metadata, verb, size, () => `${target} IN (${padded.map(() => '?').join(', ')})`),
      padded,
    ];
  }

  private insertInto(metadata: EntityMetadata): string {
    return `INSERT INTO ${this.table(metadata)} (${metadata.columns.map((column) => quote(column.databaseName)).join(', ')})`;
  }

  private onConflict(metadata: EntityMetadata, primary: ColumnMetadata): string {
    const assignments = metadata.columns
      .filter((column) => column !== primary)
      .map((column) => `${quote(column.databaseName)} = excluded.${quote(column.databaseName)}`);
    return `ON CONFLICT (${quote(primary.databaseName)}) DO UPDATE SET ${assignments.join(', ')}`;
  }

  /** SQL text is built once per table, statement kind and row count. */
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

  private persistent(row: object, column: ColumnMetadata): unknown {
    const value = this.dataSource.driver.preparePersistentValue(
      (row as Record<string, unknown>)[column.propertyName],
      column,
    );
    return value === undefined ? null : value;
  }

  private describe(entity: RowEntity<object>): Table {
    return describe(this.dataSource, entity);
  }
}

function arrayTypeOf(metadata: EntityMetadata, column: ColumnMetadata): string {
  const type = POSTGRES_ARRAY[String(column.type)];
  if (!type)
    throw new Error(
      `${metadata.tableName}.${column.databaseName}: no PostgreSQL array type for column type ${String(column.type)}`,
    );
  return type;
}

const descriptions = new WeakMap<DataSource, Map<RowEntity<object>, Table>>();

function describe(dataSource: DataSource, entity: RowEntity<object>): Table {
  let byEntity = descriptions.get(dataSource);
  if (!byEntity) descriptions.set(dataSource, (byEntity = new Map()));
  let table = byEntity.get(entity);
  if (!table) {
    const metadata = dataSource.getMetadata(entity);
    if (metadata.primaryColumns.length !== 1)
      throw new Error(`${metadata.tableName}: a read-model table has exactly one primary column`);
    table = { metadata, primary: metadata.primaryColumns[0] };
    byEntity.set(entity, table);
  }
  return table;
}

export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Full chunks of SQLITE_ROWS, then the rest in power-of-two pieces: a handful of statement sizes
 * per table, each prepared once (preparing a statement of hundreds of parameters costs more than
 * running it).
 */
function sqliteChunks<T>(items: readonly T[]): T[][] {
  const result = chunks(items.slice(0, items.length - (items.length % SQLITE_ROWS)), SQLITE_ROWS);
  let start = items.length - (items.length % SQLITE_ROWS);
  for (let size = 64; size >= 1; size /= 2) {
    if (items.length - start >= size) {
      result.push(items.slice(start, start + size));
      start += size;
    }
  }
  return result;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length <= size) return items.length === 0 ? [] : [items as T[]];
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
