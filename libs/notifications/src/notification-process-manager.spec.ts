import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AuthorityNotified, DeadlineReminderSent, DeclarationEvent } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import { NotificationProcessManager } from './notification-process-manager';
import type { NotifierConfig } from './notifier-config';
import type { NotifierState } from './notifier-state';
import {
  ManualClock,
  NotifierFiles,
  execute,
  notifierConfig,
  streamOf,
  submission,
  webhookEnv,
  SECRET,
} from './testing/notifier-test-kit';
import { WebhookReceiver } from './testing/webhook-receiver';

const ID = '0b6a3c0e-8f3e-4c1a-9a55-3c1f2f0d1e01';
const DETECTED = '2026-03-28T22:59:00.000Z';
const SUBMITTED = '2026-03-28T23:30:00.000Z';
const HOUR = 3_600_000;

const notifications = (events: DeclarationEvent[]) =>
  events.filter((event): event is AuthorityNotified => event.type === 'AuthorityNotified');
const reminders = (events: DeclarationEvent[]) =>
  events.filter((event): event is DeadlineReminderSent => event.type === 'DeadlineReminderSent');

describe('the notification process manager [sqlite]', () => {
  let files: NotifierFiles;
  let receiver: WebhookReceiver;
  let store: EventStore;
  let state: NotifierState;
  let clock: ManualClock;
  let config: NotifierConfig;
  const quiet = { warn: () => undefined };

  const manager = (options: Partial<ConstructorParameters<typeof NotificationProcessManager>[0]> = {}) =>
    new NotificationProcessManager({ store, state, config, clock: clock.now, logger: quiet, ...options });

  beforeEach(async () => {
    files = new NotifierFiles();
    clock = new ManualClock(Date.parse(SUBMITTED));
    receiver = await WebhookReceiver.start(SECRET, clock.now);
    config = notifierConfig(receiver.url);
    store = await files.store();
    ({ state } = await files.state());
    await execute(store, submission(ID, DETECTED, SUBMITTED));
  });
  afterEach(async () => {
    await receiver.stop();
    await files.remove();
  });

  it('informs the ARS of the region and the HFDS once, signed, and records each delivery once in the stream', async () => {
    await manager().tick();
    expect(receiver.calls.map((call) => [call.path, call.event, call.signatureValid])).toEqual([
      ['/ars-11', 'declaration.submitted', true],
      ['/hfds', 'declaration.submitted', true],
    ]);
    await manager().tick();
    expect(receiver.calls).toHaveLength(2);
    const recorded = notifications(await streamOf(store, ID));
    expect(recorded.map((event) => event.data)).toEqual([
      {
        declarationId: ID,
        authority: 'ARS',
        region: '11',
        outcome: 'delivered',
        attempts: 1,
        deliveryId: receiver.calls[0].deliveryId,
        at: SUBMITTED,
      },
      {
        declarationId: ID,
        authority: 'HFDS',
        region: null,
        outcome: 'delivered',
        attempts: 1,
        deliveryId: receiver.calls[1].deliveryId,
        at: SUBMITTED,
      },
    ]);
  });

  it('a 500 then a 200: retried, and recorded once, as delivered at the second attempt', async () => {
    receiver.reply(500);
    await manager().tick();
    const ars = receiver.callsTo('/ars-11');
    expect(ars.map((call) => call.deliveryId)).toEqual([ars[0].deliveryId, ars[0].deliveryId]);
    const [recorded] = notifications(await streamOf(store, ID));
    expect(recorded.data).toMatchObject({
      authority: 'ARS',
      outcome: 'delivered',
      attempts: 2,
      deliveryId: ars[0].deliveryId,
    });
    expect(notifications(await streamOf(store, ID))).toHaveLength(2);
  });

  it('a round that fails is recorded as failed; once its cooldown has passed, the next round delivers', async () => {
    receiver.reply(503, 503, 503);
    await manager().tick();
    expect(
      notifications(await streamOf(store, ID)).map((event) => [
        event.data.authority,
        event.data.outcome,
        event.data.attempts,
      ]),
    ).toEqual([
      ['ARS', 'failed', 3],
      ['HFDS', 'delivered', 1],
    ]);
    clock.advance(0.1);
    await manager().tick();
    expect(receiver.callsTo('/ars-11')).toHaveLength(3);
    clock.advance(config.roundCooldownMs / HOUR);
    await manager().tick();
    expect(notifications(await streamOf(store, ID)).map((event) => event.data.outcome)).toEqual([
      'failed',
      'delivered',
      'delivered',
    ]);
  });

  /** The second pass reads the notifier's own records: the log is then drained, and only the agenda can wake it. */
  const drained = async () => {
    await manager().tick();
    await manager().tick();
    expect((await manager().tick()).events).toBe(0);
  };

  it('reminds the facility before the notification falls due and once it is overdue, as the injected clock moves', async () => {
    await drained();
    clock.set(new Date(Date.parse(DETECTED) + 66 * HOUR).toISOString());
    await manager().tick();
    const facility = () => receiver.callsTo('/facility/750712184');
    expect(
      facility().map((call) => [
        call.event,
        (call.body.clock as { clockId: string }).clockId,
        call.signatureValid,
      ]),
    ).toEqual([['deadline.due-soon', 'NIS2/NOTIFICATION', true]]);
    clock.set(new Date(Date.parse(DETECTED) + 72 * HOUR + 1000).toISOString());
    await manager().tick();
    expect(facility().map((call) => call.event)).toEqual(['deadline.due-soon', 'deadline.overdue']);
    await manager().tick();
    expect(facility()).toHaveLength(2);
    expect(
      reminders(await streamOf(store, ID)).map((event) => [
        event.data.reminder,
        event.data.clockId,
        event.data.dueAt,
      ]),
    ).toEqual([
      ['due-soon', 'NIS2/NOTIFICATION', '2026-03-31T22:59:00.000Z'],
      ['overdue', 'NIS2/NOTIFICATION', '2026-03-31T22:59:00.000Z'],
    ]);
  });

  it('a restart forgets nothing that was due: the agenda is in the read database', async () => {
    await drained();
    clock.set(new Date(Date.parse(DETECTED) + 67 * HOUR).toISOString());
    const restarted = await files.state();
    await manager({ state: restarted.state }).tick();
    expect(receiver.callsTo('/facility/750712184').map((call) => call.event)).toEqual(['deadline.due-soon']);
  });

  it('stopped after the receiver got the call but before recording: the restart sends the same deliveryId and the stream holds one record', async () => {
    class Stopped extends Error {}
    const crashing = manager({
      afterDelivery: async () => {
        throw new Stopped();
      },
    });
    await expect(crashing.tick()).rejects.toBeInstanceOf(Stopped);
    expect(receiver.calls).toHaveLength(1);
    expect(notifications(await streamOf(store, ID))).toEqual([]);

    await manager({ state: (await files.state()).state }).tick();
    const ars = receiver.callsTo('/ars-11');
    expect(ars).toHaveLength(2);
    expect(ars[1].deliveryId).toBe(ars[0].deliveryId);
    const recorded = notifications(await streamOf(store, ID));
    expect(recorded.filter((event) => event.data.deliveryId === ars[0].deliveryId)).toHaveLength(1);
    expect(recorded).toHaveLength(2);
  });

  it('a notifier process killed mid-delivery: the restarted one delivers the same deliveryId and records it once', async () => {
    // The first call is held open until the child is dead: it got the call, it never got the answer.
    let release: () => void = () => undefined;
    receiver.reply({ status: 200, before: new Promise<void>((resolve) => (release = resolve)) });
    const firstCall = receiver.nextCall();
    const onlyArs = { VIGIE_WEBHOOK_HFDS: '', VIGIE_WEBHOOK_FACILITIES: '' };
    const child = await startChild(
      files,
      webhookEnv(receiver.url, { ...onlyArs, VIGIE_NOTIFIER_POLL_MS: '20' }),
    );
    const held = await firstCall;
    await killed(child);
    release();
    expect(notifications(await streamOf(store, ID))).toEqual([]);

    await manager({
      state: (await files.state()).state,
      config: notifierConfig(receiver.url, onlyArs),
    }).tick();
    expect(receiver.calls.map((call) => call.deliveryId)).toEqual([held.deliveryId, held.deliveryId]);
    const recorded = notifications(await streamOf(store, ID)).filter(
      (event) => event.data.authority === 'ARS',
    );
    expect(recorded.map((event) => [event.data.deliveryId, event.data.outcome])).toEqual([
      [held.deliveryId, 'delivered'],
    ]);
  }, 60_000);

  it('a notifier started at the head of the log does not announce the history', async () => {
    await manager({ config: { ...config, startFrom: 'head' } }).tick();
    expect(receiver.calls).toEqual([]);
    await execute(store, submission('0b6a3c0e-8f3e-4c1a-9a55-3c1f2f0d1e02', DETECTED, SUBMITTED));
    await manager({ config: { ...config, startFrom: 'head' } }).tick();
    expect(receiver.calls.map((call) => call.path)).toEqual(['/ars-11', '/hfds']);
  });

  it('started, it follows the log by itself', async () => {
    const running = manager({ config: { ...config, pollIntervalMs: 20 } });
    const call = receiver.nextCall();
    await running.start();
    expect((await call).path).toBe('/ars-11');
    await running.stop();
  });
});

const WORKER = join(__dirname, 'testing', 'notifier-worker.ts');
const REGISTER = join(__dirname, '..', '..', 'read-models', 'src', 'testing', 'swc-register.js');

function startChild(files: NotifierFiles, env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(WORKER, [files.eventsUrl, files.readUrl], {
    execArgv: ['--require', REGISTER],
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code, signal) =>
      reject(new Error(`notifier child exited early (${code ?? signal})`)),
    );
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
