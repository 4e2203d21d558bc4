import { decide, evolve, initialState, type DeclarationCommand, type DeclarationEvent } from '@vigie/domain';
import { deliveryIdOf } from './delivery-id';
import { pendingNotifications, type NotificationJob } from './pending-notifications';
import { ANALYST, DECLARANT, notifierConfig, submission } from './testing/notifier-test-kit';

const ID = '6f1c0b9e-3d5a-4e7b-9c2d-8a4f1e6b7c30';
const DETECTED = '2026-03-02T07:05:00.000Z';
const SUBMITTED = '2026-03-02T08:05:00.000Z';
const HOUR = 3_600_000;
const config = notifierConfig('http://receiver.test');
const NOTIFIER = { sub: 'system:notifier', role: 'admin' as const };

/** The events the decider gives for these commands, in order: a stream as the log would hold it. */
function history(...commands: DeclarationCommand[]): DeclarationEvent[] {
  const events: DeclarationEvent[] = [];
  let state = initialState();
  for (const command of commands) {
    for (const event of decide(command, state)) {
      events.push(event);
      state = evolve(state, event);
    }
  }
  return events;
}

const submitted = () => submission(ID, DETECTED, SUBMITTED);
const hoursAfterDetection = (hours: number) => new Date(Date.parse(DETECTED) + hours * HOUR);
const summary = (jobs: NotificationJob[]) =>
  jobs.map((job) => (job.kind === 'authority' ? `${job.recipient}` : `${job.reminder} ${job.clock.clockId}`));

const recordOf = (job: NotificationJob, outcome: 'delivered' | 'failed', now: string): DeclarationCommand =>
  job.kind === 'authority'
    ? {
        type: 'RecordAuthorityNotification',
        declarationId: ID,
        actor: NOTIFIER,
        now,
        authority: job.authority,
        region: job.region,
        outcome,
        attempts: 1,
        deliveryId: job.deliveryId,
      }
    : {
        type: 'RecordDeadlineReminder',
        declarationId: ID,
        actor: NOTIFIER,
        now,
        clockId: job.clock.clockId,
        regime: job.clock.regime,
        stage: job.clock.stage,
        reminder: job.reminder,
        dueAt: job.clock.dueAt,
        outcome,
        attempts: 1,
        deliveryId: job.deliveryId,
      };

describe('what the notifier owes a declaration', () => {
  it('on submission: the ARS of its region and the HFDS, each under its own stable deliveryId', () => {
    const { jobs } = pendingNotifications(history(submitted()), new Date(SUBMITTED), config);
    expect(summary(jobs)).toEqual(['ARS 11', 'HFDS']);
    expect(jobs.map((job) => job.url)).toEqual(['http://receiver.test/ars-11', 'http://receiver.test/hfds']);
    expect(jobs[0].deliveryId).toBe(deliveryIdOf(ID, 'ARS 11', 'declaration.submitted'));
    expect(pendingNotifications(history(submitted()), new Date(SUBMITTED), config).jobs[1].deliveryId).toBe(
      jobs[1].deliveryId,
    );
  });

  it('the message names the structure, codes, ids and a link — never the declarant nor free text', () => {
    const [ars] = pendingNotifications(history(submitted()), new Date(SUBMITTED), config).jobs;
    const text = JSON.stringify(ars.message);
    for (const personal of ['Camille', 'rssi@chu-x.example', '+33 1 00', 'Rançongiciel'])
      expect(text).not.toContain(personal);
    expect(ars.message).toMatchObject({
      event: 'declaration.submitted',
      declaration: {
        id: ID,
        link: `https://vigie.example/api/v1/declarations/${ID}`,
        structure: { finess: '750712184', region: '11', nis2: 'ESSENTIAL' },
      },
    });
  });

  it('a region without an ARS webhook: only the HFDS', () => {
    const other = submission(ID, DETECTED, SUBMITTED, {
      structure: { finess: '010000016', name: 'CHU X', type: 'ES', region: '84', isOse: false, nis2: 'NONE' },
    });
    expect(summary(pendingNotifications(history(other), new Date(SUBMITTED), config).jobs)).toEqual(['HFDS']);
  });

  it('nothing again once the stream records the deliveries', () => {
    const events = history(submitted());
    const { jobs } = pendingNotifications(events, new Date(SUBMITTED), config);
    const recorded = history(submitted(), ...jobs.map((job) => recordOf(job, 'delivered', SUBMITTED)));
    expect(pendingNotifications(recorded, new Date(SUBMITTED), config).jobs).toEqual([]);
  });

  it('a failed round is retried after its cooldown, which doubles; after the last round, the notifier gives up', () => {
    const [ars] = pendingNotifications(history(submitted()), new Date(SUBMITTED), config).jobs;
    const failedAt = Date.parse(SUBMITTED);
    const oneFailure = history(submitted(), recordOf(ars, 'failed', SUBMITTED));
    const waiting = pendingNotifications(oneFailure, new Date(failedAt + 1000), config);
    expect(summary(waiting.jobs)).toEqual(['HFDS']);
    expect(waiting.nextAt).toBe(failedAt + config.roundCooldownMs);
    expect(
      summary(pendingNotifications(oneFailure, new Date(failedAt + config.roundCooldownMs), config).jobs),
    ).toContain('ARS 11');
    const twoFailures = history(
      submitted(),
      recordOf(ars, 'failed', SUBMITTED),
      recordOf(ars, 'failed', SUBMITTED),
    );
    expect(pendingNotifications(twoFailures, new Date(failedAt + 1000), config).nextAt).toBe(
      failedAt + 2 * config.roundCooldownMs,
    );

    const rounds = Array.from({ length: config.maxRounds }, () => recordOf(ars, 'failed', SUBMITTED));
    const givenUp = pendingNotifications(
      history(submitted(), ...rounds),
      new Date(failedAt + 365 * 24 * HOUR),
      config,
    );
    expect(summary(givenUp.jobs)).not.toContain('ARS 11');
  });
});

describe('reminders to the facility', () => {
  it('before a stage falls due (6 h ahead by default), then when it is overdue; the agenda says when', () => {
    const events = history(submitted());
    const justAfter = pendingNotifications(events, hoursAfterDetection(2), config);
    expect(summary(justAfter.jobs).filter((job) => job.startsWith('due-soon'))).toEqual([]);
    // The final report's reminder is weeks away; the notification's is 66 h after detection.
    expect(justAfter.nextAt).toBe(Date.parse(DETECTED) + 66 * HOUR);

    const soon = pendingNotifications(events, hoursAfterDetection(66), config);
    expect(summary(soon.jobs)).toContain('due-soon NIS2/NOTIFICATION');
    expect(soon.jobs.find((job) => job.kind === 'reminder')?.url).toBe(
      'http://receiver.test/facility/750712184',
    );

    const late = pendingNotifications(events, hoursAfterDetection(73), config);
    expect(summary(late.jobs)).toContain('overdue NIS2/NOTIFICATION');
    expect(summary(late.jobs)).not.toContain('due-soon NIS2/NOTIFICATION');
  });

  it('a met clock owes no reminder', () => {
    const events = history(submitted(), {
      type: 'SubmitStagedReport',
      declarationId: ID,
      actor: DECLARANT,
      now: hoursAfterDetection(30).toISOString(),
      reportId: 'n',
      stage: 'NOTIFICATION',
      content: 'Notification',
    });
    expect(
      summary(pendingNotifications(events, hoursAfterDetection(73), config).jobs).filter((job) =>
        job.includes('NIS2/NOTIFICATION'),
      ),
    ).toEqual([]);
  });

  it('a closed declaration gets no reminder, but the authorities are still informed', () => {
    const events = history(submitted(), {
      type: 'CloseDeclaration',
      declarationId: ID,
      actor: ANALYST,
      now: hoursAfterDetection(3).toISOString(),
      reason: 'Doublon',
    });
    expect(summary(pendingNotifications(events, hoursAfterDetection(100), config).jobs)).toEqual([
      'ARS 11',
      'HFDS',
    ]);
  });

  it('without a facility webhook, no reminder goes, yet its time is kept in the agenda', () => {
    const withoutFacility = { ...config, facilityUrl: () => null };
    const pending = pendingNotifications(history(submitted()), hoursAfterDetection(80), withoutFacility);
    expect(pending.jobs.every((job) => job.kind === 'authority')).toBe(true);
    expect(pending.nextAt).not.toBeNull();
  });
});
