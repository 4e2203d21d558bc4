import type { DataSource } from 'typeorm';
import { READ_MODEL_NAMES } from '../projection/read-models';
import { readCheckpoints } from '../projector/checkpoints';

/**
 * The position every read model has reached, as committed in the read database: what a process
 * without a projector of its own (the API with VIGIE_PROJECTOR=off) compares `minPosition` with.
 */
export async function readModelsPosition(dataSource: DataSource): Promise<bigint> {
  const runner = dataSource.createQueryRunner();
  try {
    const positions = [...(await readCheckpoints(runner, READ_MODEL_NAMES)).values()];
    return positions.reduce(
      (lowest, position) => (position < lowest ? position : lowest),
      positions[0] ?? 0n,
    );
  } finally {
    await runner.release();
  }
}

/** Polls the committed checkpoints until they reach `position`; false after `timeoutMs`. */
export async function waitForReadModels(
  dataSource: DataSource,
  position: bigint,
  timeoutMs: number,
  pollMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await readModelsPosition(dataSource)) >= position) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(deadline - Date.now(), 1))));
  }
}
