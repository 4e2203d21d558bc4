import type { QueryRunner } from 'typeorm';

/** Checkpoints are read and written with plain SQL inside the projector's transaction. */
export async function ensureCheckpoints(runner: QueryRunner, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await runner.query(
      `INSERT INTO "projection_checkpoint" ("name", "position") VALUES (${param(runner, 0)}, 0) ON CONFLICT ("name") DO NOTHING`,
      [name],
    );
  }
}

export async function readCheckpoints(
  runner: QueryRunner,
  names: readonly string[],
): Promise<Map<string, bigint>> {
  const rows: { name: string; position: string | number }[] = await runner.query(
    'SELECT "name", "position" FROM "projection_checkpoint"',
  );
  const positions = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
  return new Map(names.map((name) => [name, positions.get(name) ?? 0n]));
}

/** Compare-and-set: false when another process moved the checkpoint since `from` was read. */
export async function advanceCheckpoint(
  runner: QueryRunner,
  name: string,
  from: bigint,
  to: bigint,
): Promise<boolean> {
  const result = await runner.query(
    `UPDATE "projection_checkpoint" SET "position" = ${param(runner, 0)} WHERE "name" = ${param(runner, 1)} AND "position" = ${param(runner, 2)}`,
    [to.toString(), name, from.toString()],
    true,
  );
  return (result as { affected?: number }).affected === 1;
}

/** Sets a checkpoint whatever it was: only a rebuild's swap, which owns the read model, does this. */
export async function resetCheckpoint(runner: QueryRunner, name: string, position: bigint): Promise<void> {
  await runner.query(
    `INSERT INTO "projection_checkpoint" ("name", "position") VALUES (${param(runner, 0)}, ${param(runner, 1)}) ` +
      'ON CONFLICT ("name") DO UPDATE SET "position" = excluded."position"',
    [name, position.toString()],
  );
}

const param = (runner: QueryRunner, index: number): string =>
  runner.connection.driver.createParameter(`p${index}`, index);
