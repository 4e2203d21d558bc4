import { DEFAULT_CLOCK_POLICY } from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { mailIdOf, pendingMails, type MailTiming } from './pending-mails';

const ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const timing: MailTiming = {
  publicUrl: 'https://vigie.example',
  reminderLeadMs: 24 * 3_600_000,
  maxRounds: 3,
  roundCooldownMs: 600_000,
  clockPolicy: DEFAULT_CLOCK_POLICY,
};

let position = 0n;
const recorded = (
  type: string,
  data: Record<string, unknown>,
  id = `event-${position + 1n}`,
): RecordedEvent => {
  position += 1n;
  return {
    id,
    type,
    data: { declarationId: ID, ...data },
    metadata: { actor: { sub: 'x', role: 'declarant' }, correlationId: 'c', schemaVersion: 1 },
    streamId: `declaration-${ID}`,
    revision: Number(position) - 1,
    position,
    recordedAt: '2026-03-02T08:30:00.000Z',
  };
};

/** A submission as written before references existed: no `reference`, none of the later form fields. */
const oldSubmission = () =>
  recorded('DeclarationSubmitted', {
    structure: { finess: '750712184', name: 'CH Y', type: 'ES', region: '11', isOse: false, nis2: 'NONE' },
    declarant: { name: 'x', role: 'RSSI', email: 'x', phone: null },
    occurredAt: '2026-03-02T06:40:00.000Z',
    detectedAt: '2026-03-02T07:05:00.000Z',
    description: 'd',
    suspectedOrigin: 'UNKNOWN',
    suspectedType: null,
    operationalImpact: 'NONE',
    patientEndangerment: 'NONE',
    dataImpacts: [],
    supportRequested: false,
    measuresTaken: null,
    submittedBy: 'declarant-1',
    submittedAt: '2026-03-02T08:30:00.000Z',
  });

const NOW = new Date('2026-03-03T09:00:00.000Z');

describe('pendingMails', () => {
  beforeEach(() => {
    position = 0n;
  });

  it('a declaration from before references is named, and linked, by its id', () => {
    const { jobs } = pendingMails([oldSubmission()], NOW, timing);
    expect(jobs.map((job) => [job.kind, job.content.subject])).toEqual([
      ['receipt', `[Vigie] Accusé de réception de votre déclaration ${ID}`],
    ]);
    expect(jobs[0].content.text).toContain(`https://vigie.example/declarations/${ID}`);
  });

  it('the mail id comes from the declaration, the kind and the triggering event', () => {
    const submitted = oldSubmission();
    expect(pendingMails([submitted], NOW, timing).jobs[0].mailId).toBe(mailIdOf(ID, 'receipt', submitted.id));
    expect(mailIdOf(ID, 'receipt', 'a')).not.toBe(mailIdOf(ID, 'closed', 'a'));
  });

  it('a CERT message is mailed, the facility’s own is not', () => {
    const events = [
      oldSubmission(),
      recorded('MessagePosted', {
        messageId: 'm1',
        body: 'De notre côté…',
        author: 'FACILITY',
        postedBy: 'd',
        postedAt: '2026-03-02T09:00:00.000Z',
      }),
      recorded('MessagePosted', {
        messageId: 'm2',
        body: 'Bien reçu.',
        author: 'CERT',
        postedBy: 'a',
        postedAt: '2026-03-02T10:00:00.000Z',
      }),
    ];
    expect(pendingMails(events, NOW, timing).jobs.map((job) => job.kind)).toEqual(['receipt', 'message']);
  });

  it('a complement already answered, or a closure already undone, is not announced', () => {
    const events = [
      oldSubmission(),
      recorded('ComplementRequested', {
        requestId: 'r1',
        question: 'Q ?',
        requestedBy: 'a',
        requestedAt: '2026-03-02T09:00:00.000Z',
      }),
      recorded('ComplementProvided', {
        requestId: 'r1',
        answer: 'R.',
        providedBy: 'd',
        providedAt: '2026-03-02T09:30:00.000Z',
      }),
      recorded('DeclarationClosed', { reason: 'r', closedBy: 'a', closedAt: '2026-03-02T10:00:00.000Z' }),
      recorded('DeclarationReopened', {
        reason: 'r',
        reopenedBy: 'a',
        reopenedAt: '2026-03-02T11:00:00.000Z',
      }),
    ];
    expect(pendingMails(events, NOW, timing).jobs.map((job) => job.kind)).toEqual(['receipt']);
  });

  it('a declaration submitted at or before the mailer’s origin gets nothing', () => {
    expect(pendingMails([oldSubmission()], NOW, timing, 1n)).toEqual({ jobs: [], nextAt: null });
  });

  it('a mail sent is not offered again; a failed one waits for its cooldown, then is given up after the last round', () => {
    const submitted = oldSubmission();
    const mailId = mailIdOf(ID, 'receipt', submitted.id);
    const failed = (at: string) =>
      recorded('MailSent', { mailId, kind: 'receipt', outcome: 'failed', attempts: 3, at });
    const once = [submitted, failed('2026-03-03T08:55:00.000Z')];
    expect(pendingMails(once, NOW, timing)).toEqual({
      jobs: [],
      nextAt: Date.parse('2026-03-03T09:05:00.000Z'),
    });
    expect(pendingMails(once, new Date('2026-03-03T09:05:00.000Z'), timing).jobs).toHaveLength(1);
    const givenUp = [
      submitted,
      failed('2026-03-03T08:00:00.000Z'),
      failed('2026-03-03T08:20:00.000Z'),
      failed('2026-03-03T08:50:00.000Z'),
    ];
    expect(pendingMails(givenUp, NOW, timing).jobs).toEqual([]);
    const sent = [
      submitted,
      recorded('MailSent', {
        mailId,
        kind: 'receipt',
        outcome: 'sent',
        attempts: 1,
        at: '2026-03-02T08:31:00.000Z',
      }),
    ];
    expect(pendingMails(sent, NOW, timing).jobs).toEqual([]);
  });
});
