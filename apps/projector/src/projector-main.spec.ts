import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vigie/event-store';
import { openReadDataSource, readModelsPosition } from '@vigie/read-models';
import { appendLog, generateLog } from '../../../libs/read-models/src/testing/event-log-generator';

const REGISTER = join(__dirname, '../../../libs/read-models/src/testing/swc-register.js');

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The lines of the output that are JSON objects. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return parsed !== null && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

describe('apps/projector (a separate process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-projector-app-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('follows the log, serves /health and /metrics, and stops cleanly on SIGTERM', async () => {
    const store = await SqliteEventStore.open(join(dataDir, 'events.sqlite'), { synchronous: 'normal' });
    const events = BigInt(await appendLog(store, generateLog({ declarations: 30, seed: 4 })));
    const child = spawn(process.execPath, ['--require', REGISTER, join(__dirname, 'main.ts')], {
      env: {
        ...process.env,
        VIGIE_DATA_DIR: dataDir,
        VIGIE_PROJECTOR_PORT: '0',
        VIGIE_JWT_SECRET: 'x'.repeat(40),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = once(child, 'exit');
    try {
      const base = await until(async () => /health and metrics on (http:[^\s"]+)/.exec(output)?.[1], 20_000);
      expect({ base, output }).toMatchObject({ base: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const health = await until(async () => {
        const body = (await (await fetch(`${base}/health`)).json()) as { position: string };
        return BigInt(body.position) === events ? body : undefined;
      }, 20_000);
      expect(health).toMatchObject({ status: 'ok', running: true, lastError: null });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain(`vigie_projection_position{projection="annual-statistics"} ${events}`);
      expect(metrics).toContain('vigie_projection_lag_events{projection="declaration-summary"} 0');
      expect((await fetch(`${base}/nope`)).status).toBe(404);

      // A batch that fails (its checkpoints' table gone for a moment) is retried, and said so as a JSON line.
      const read = new Database(join(dataDir, 'read.sqlite'));
      read.exec('ALTER TABLE projection_checkpoint RENAME TO projection_checkpoint_away');
      const more = BigInt(await appendLog(store, generateLog({ declarations: 2, seed: 5 })));
      const warning = await until(
        async () => jsonLines(output).find((line) => /batch failed/.test(String(line.msg))),
        20_000,
      );
      read.exec('ALTER TABLE projection_checkpoint_away RENAME TO projection_checkpoint');
      read.close();
      expect({ warning, output }).toMatchObject({
        warning: {
          level: 40,
          service: 'vigie-projector',
          context: 'Projector',
          msg: expect.stringMatching(
            /^projector: batch failed \(1 in a row\), retrying: .*projection_checkpoint/,
          ),
        },
      });
      const caughtUp = await until(async () => {
        const body = (await (await fetch(`${base}/health`)).json()) as { position: string };
        return BigInt(body.position) === events + more ? body : undefined;
      }, 20_000);
      expect(caughtUp).toMatchObject({ status: 'ok', lastError: null });
    } finally {
      child.kill('SIGTERM');
      await store.close();
    }
    const [code] = await exited;
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('SIGTERM, finishing the batch in progress');
    // Everything it says is a JSON line.
    expect(output.trim().split('\n').length).toBe(jsonLines(output).length);
    const read = await openReadDataSource(`sqlite:${join(dataDir, 'read.sqlite')}`);
    expect(await readModelsPosition(read)).toBeGreaterThan(events);
    await read.destroy();
  }, 60_000);
});
