import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@vigie/event-store';
import { simpleParser } from 'mailparser';
import { SmtpSink } from '../../../../test/support/smtp-sink';
import { ANALYST, DECLARANT, execute } from '../testing/notifier-test-kit';
import { MAILER_ACTOR } from './record-mail';
import { messageIdOf } from './mail-transport';
import { startMailer } from './start-mailer';
import { DECLARANT_EMAIL, FROM, MailFiles, mailConfig, mailsOf, submission } from './testing/mail-test-kit';

const ID = '5d0f8c1e-7a2b-4c3d-9e4f-a0b1c2d3e4f5';
const REFERENCE = '2026-000042';
const DETECTED = '2026-03-28T22:59:00.000Z';
const SUBMITTED = '2026-03-28T23:30:00.000Z';
const HOUR = 3_600_000;

describe('the mail process manager, over a real SMTP server [sqlite]', () => {
  let files: MailFiles;
  let sink: SmtpSink;
  let store: EventStore;
  const config = () => mailConfig({ smtpUrl: sink.url });

  beforeEach(async () => {
    files = new MailFiles(SUBMITTED);
    sink = await SmtpSink.start();
    store = await files.store();
    await files.submit(store, submission(ID, DETECTED, SUBMITTED, { reference: REFERENCE }));
  });
  afterEach(async () => {
    await sink.stop();
    await files.remove();
  });

  /** The mailer's own records are events too: the second pass reads them, the third finds the log drained. */
  const drained = async () => {
    for (let pass = 0; pass < 3; pass += 1) await (await files.manager(store, config())).tick();
  };

  it('sends the receipt once, in French, to the declarant, and records it once without the address', async () => {
    await drained();
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail.envelopeTo).toEqual([DECLARANT_EMAIL]);
    expect(mail.user).toBe(sink.user);
    expect(mail.parsed.subject).toBe(`[Vigie] Accusé de réception de votre déclaration ${REFERENCE}`);
    expect(mail.parsed.from?.value).toEqual([{ name: 'CERT Santé', address: 'no-reply@cert.example' }]);
    expect(mail.parsed.text).toContain('Le CERT Santé a bien reçu votre déclaration');
    expect(mail.parsed.text).toContain('enregistrée le 29 mars 2026 à 00:30 (heure de Paris)');
    expect(mail.parsed.text).toContain(`https://vigie.example/declarations/${REFERENCE}`);
    expect(mail.parsed.html).toContain(`href="https://vigie.example/declarations/${REFERENCE}"`);
    expect(mail.raw).not.toContain('Camille Martin');
    const recorded = await mailsOf(store, ID);
    expect(recorded).toEqual([
      {
        declarationId: ID,
        mailId: expect.any(String),
        kind: 'receipt',
        outcome: 'sent',
        attempts: 1,
        at: SUBMITTED,
      },
    ]);
    expect(mail.parsed.messageId).toBe(messageIdOf(recorded[0].mailId, FROM));
    // The log holds the address sealed, and the mail's record not at all.
    expect(JSON.stringify((await store.readAll(0n, 100)).map((event) => event.data))).not.toContain(
      DECLARANT_EMAIL,
    );
  });

  it('stopped after the relay took the mail, before recording it: the restart sends it again with the same Message-ID, recorded once', async () => {
    class Crash extends Error {}
    const crashing = await files.manager(store, config(), {
      afterSend: async () => {
        throw new Crash();
      },
    });
    await expect(crashing.tick()).rejects.toBeInstanceOf(Crash);
    expect(sink.mails).toHaveLength(1);
    expect(await mailsOf(store, ID)).toEqual([]);

    await drained();
    expect(sink.mails.map((mail) => mail.parsed.messageId)).toEqual([
      sink.mails[0].parsed.messageId,
      sink.mails[0].parsed.messageId,
    ]);
    expect((await mailsOf(store, ID)).map((mail) => [mail.kind, mail.outcome])).toEqual([
      ['receipt', 'sent'],
    ]);
    await drained();
    expect(sink.mails).toHaveLength(2);
  });

  it('a complement requested: its question, to the declarant; the analyst is never named', async () => {
    await drained();
    await execute(store, {
      type: 'RequestComplement',
      declarationId: ID,
      actor: { ...ANALYST, sub: 'analyst-dupont@cert.example' },
      now: '2026-03-29T08:00:00.000Z',
      requestId: 'request-1',
      question: 'Quels serveurs sont chiffrés ?\nMerci de préciser.',
    });
    await drained();
    expect(sink.mails).toHaveLength(2);
    const mail = sink.mails[1];
    expect(mail.parsed.subject).toBe(`[Vigie] Complément demandé sur votre déclaration ${REFERENCE}`);
    expect(mail.parsed.text).toContain('> Quels serveurs sont chiffrés ?\n> Merci de préciser.');
    expect(mail.raw).not.toContain('analyst-dupont');
    expect((await mailsOf(store, ID)).map((m) => m.kind)).toEqual(['receipt', 'complement-requested']);
  });

  it('a CERT message on the thread is mailed with its text; the facility’s own messages are not', async () => {
    await drained();
    const post = (actor: typeof ANALYST, messageId: string, body: string) =>
      execute(store, {
        type: 'PostMessage',
        declarationId: ID,
        actor,
        now: '2026-03-29T09:00:00.000Z',
        messageId,
        body,
      });
    await post(DECLARANT, 'm-1', 'Nos serveurs sont isolés.');
    await post({ ...ANALYST, sub: 'analyst-dupont@cert.example' }, 'm-2', 'Merci, nous revenons vers vous.');
    await drained();
    expect(sink.mails.map((mail) => mail.parsed.subject)).toEqual([
      `[Vigie] Accusé de réception de votre déclaration ${REFERENCE}`,
      `[Vigie] Nouveau message du CERT sur votre déclaration ${REFERENCE}`,
    ]);
    expect(sink.mails[1].envelopeTo).toEqual([DECLARANT_EMAIL]);
    expect(sink.mails[1].parsed.text).toContain('> Merci, nous revenons vers vous.');
    expect(sink.mails[1].raw).not.toContain('analyst-dupont');
    expect((await mailsOf(store, ID)).map((mail) => mail.kind)).toEqual(['receipt', 'message']);
  });

  it('the closure is mailed once; reminders stop with it', async () => {
    await drained();
    await execute(store, {
      type: 'CloseDeclaration',
      declarationId: ID,
      actor: ANALYST,
      now: '2026-03-29T10:00:00.000Z',
      reason: 'Incident traité.',
    });
    await drained();
    expect(sink.mails.map((mail) => mail.parsed.subject)).toEqual([
      `[Vigie] Accusé de réception de votre déclaration ${REFERENCE}`,
      `[Vigie] Déclaration ${REFERENCE} clôturée`,
    ]);
    files.clock.set(new Date(Date.parse(DETECTED) + 80 * HOUR).toISOString());
    await drained();
    expect(sink.mails).toHaveLength(2);
  });

  it('the NIS2 notification: one mail within 24 h of its due date, one once late, as the injected clock moves', async () => {
    await drained();
    files.clock.set(new Date(Date.parse(DETECTED) + 47 * HOUR).toISOString());
    await drained();
    expect(sink.mails).toHaveLength(1);
    files.clock.set(new Date(Date.parse(DETECTED) + 49 * HOUR).toISOString());
    await drained();
    files.clock.set(new Date(Date.parse(DETECTED) + 60 * HOUR).toISOString());
    await drained();
    files.clock.set(new Date(Date.parse(DETECTED) + 72 * HOUR + 1000).toISOString());
    await drained();
    await drained();
    expect(sink.mails.map((mail) => mail.parsed.subject)).toEqual([
      `[Vigie] Accusé de réception de votre déclaration ${REFERENCE}`,
      `[Vigie] Rapport à remettre sous 24 h : déclaration ${REFERENCE}`,
      `[Vigie] Rapport en retard : déclaration ${REFERENCE}`,
    ]);
    expect(sink.mails[1].parsed.text).toContain('la notification d’incident (NIS2, 72 h)');
    expect(sink.mails[1].parsed.text).toContain('1 avril 2026 à 00:59 (heure de Paris)');
    expect((await mailsOf(store, ID)).map((mail) => mail.kind)).toEqual([
      'receipt',
      'report-due-soon',
      'report-overdue',
    ]);
  });

  it('the agenda survives a restart: a reminder due while the mailer was down goes at its next start', async () => {
    await drained();
    files.clock.set(new Date(Date.parse(DETECTED) + 50 * HOUR).toISOString());
    // A fresh manager on a fresh connection: only the agenda in the read database knows the declaration.
    await (await files.manager(store, config())).tick();
    expect(sink.mails.map((mail) => mail.parsed.subject)).toContain(
      `[Vigie] Rapport à remettre sous 24 h : déclaration ${REFERENCE}`,
    );
  });

  it('the subject erased (crypto-shredding): nothing is sent, nothing recorded', async () => {
    await files.keys().erase(files.vault().subjectOf(DECLARANT_EMAIL), new Date(SUBMITTED));
    const report = await (await files.manager(store, config())).tick();
    expect(report).toMatchObject({ sent: 0, failed: 0, withheld: 1 });
    expect(sink.mails).toEqual([]);
    expect(await mailsOf(store, ID)).toEqual([]);
  });

  it('the relay refuses: retried within the round, recorded failed after N attempts, sent at the next round after its cooldown', async () => {
    sink.refuseNext(3);
    await drained();
    expect(sink.mails).toEqual([]);
    expect((await mailsOf(store, ID)).map((mail) => [mail.outcome, mail.attempts])).toEqual([['failed', 3]]);
    files.clock.advance(0.1);
    await drained();
    expect(sink.mails).toEqual([]);
    files.clock.advance(0.1);
    await drained();
    expect(sink.mails).toHaveLength(1);
    expect((await mailsOf(store, ID)).map((mail) => [mail.outcome, mail.attempts])).toEqual([
      ['failed', 3],
      ['sent', 1],
    ]);
  });

  it('a relay that keeps refusing: given up after the last round, never more', async () => {
    sink.refuseNext(100);
    await drained();
    files.clock.advance(1);
    await drained();
    files.clock.advance(24);
    await drained();
    expect((await mailsOf(store, ID)).map((mail) => mail.outcome)).toEqual(['failed', 'failed']);
  });

  it('a mailer started at the head of the log leaves earlier declarations alone, even when they move later', async () => {
    const head = () => files.manager(store, mailConfig({ smtpUrl: sink.url, startFrom: 'head' }));
    await (await head()).tick();
    await execute(store, {
      type: 'RequestComplement',
      declarationId: ID,
      actor: ANALYST,
      now: '2026-03-29T08:00:00.000Z',
      requestId: 'request-1',
      question: 'Quels serveurs ?',
    });
    const later = '0b6a3c0e-8f3e-4c1a-9a55-3c1f2f0d1e02';
    await files.submit(store, submission(later, DETECTED, SUBMITTED, { reference: '2026-000043' }));
    for (let pass = 0; pass < 3; pass += 1) await (await head()).tick();
    expect(sink.mails.map((mail) => mail.parsed.subject)).toEqual([
      `[Vigie] Accusé de réception de votre déclaration 2026-000043`,
    ]);
    expect(await mailsOf(store, ID)).toEqual([]);
  });

  it('the records are the mailer’s own: its actor, not a person', async () => {
    await drained();
    const events = await store.readAll(0n, 100);
    expect(events.find((event) => event.type === 'MailSent')?.metadata.actor).toEqual(MAILER_ACTOR);
  });
});

describe('startMailer without a relay [sqlite]', () => {
  it('follows the log by itself and writes the receipt to <dataDir>/outbox as a parseable .eml', async () => {
    const files = new MailFiles(SUBMITTED);
    const store = await files.store();
    const said: string[] = [];
    const outboxDir = join(files.directory, 'outbox');
    const mailer = await startMailer({
      store,
      readDbUrl: files.readUrl,
      mail: mailConfig({ mode: 'outbox', outboxDir, startFrom: 'head' }),
      publicUrl: 'https://vigie.example/',
      vault: files.vault(),
      env: {},
      clock: files.clock.now,
      logger: { warn: (message) => said.push(message), log: (message) => said.push(message) },
    });
    try {
      expect(said).toEqual([`no VIGIE_SMTP_URL: mails are written to ${outboxDir}`]);
      // Submitted after the start: a mailer started at the head mails what comes next.
      await files.submit(store, submission(ID, DETECTED, SUBMITTED, { reference: REFERENCE }));
      const deadline = Date.now() + 15_000;
      while ((await mailsOf(store, ID)).length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const [recorded] = await mailsOf(store, ID);
      expect(recorded).toMatchObject({ kind: 'receipt', outcome: 'sent' });
      expect(readdirSync(outboxDir)).toEqual([`${recorded.mailId}.eml`]);
      const parsed = await simpleParser(readFileSync(join(outboxDir, `${recorded.mailId}.eml`)));
      expect(parsed.subject).toBe(`[Vigie] Accusé de réception de votre déclaration ${REFERENCE}`);
      expect(parsed.text).toContain(`https://vigie.example/declarations/${REFERENCE}`);
    } finally {
      await mailer?.stop();
      await files.remove();
    }
  });

  it('mail off: no mailer', async () => {
    const files = new MailFiles(SUBMITTED);
    try {
      const mailer = await startMailer({
        store: await files.store(),
        readDbUrl: files.readUrl,
        mail: mailConfig({ mode: 'off' }),
        publicUrl: 'https://vigie.example',
        vault: files.vault(),
        env: {},
      });
      expect(mailer).toBeNull();
    } finally {
      await files.remove();
    }
  });
});

const WORKER = join(__dirname, 'testing', 'mailer-worker.ts');
const REGISTER = join(__dirname, '..', '..', '..', 'read-models', 'src', 'testing', 'swc-register.js');

describe('a mailer process killed mid-send [sqlite]', () => {
  it('the restarted mailer sends the same mail again (same Message-ID) and the stream records it once', async () => {
    const files = new MailFiles(SUBMITTED);
    const sink = await SmtpSink.start();
    const store = await files.store();
    await files.submit(store, submission(ID, DETECTED, SUBMITTED, { reference: REFERENCE }));
    let release: () => void = () => undefined;
    const first = sink.holdNext(new Promise<void>((resolve) => (release = resolve)));
    const child = fork(WORKER, [files.directory, sink.url], {
      execArgv: ['--require', REGISTER],
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    try {
      // The relay has the whole mail; the child never learns it was accepted.
      const held = await first;
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
      release();
      expect(await mailsOf(store, ID)).toEqual([]);

      for (let pass = 0; pass < 3; pass += 1)
        await (await files.manager(store, mailConfig({ smtpUrl: sink.url }))).tick();
      expect(sink.mails.map((mail) => mail.parsed.messageId)).toEqual([
        held.parsed.messageId,
        held.parsed.messageId,
      ]);
      expect((await mailsOf(store, ID)).map((mail) => [mail.kind, mail.outcome])).toEqual([
        ['receipt', 'sent'],
      ]);
    } finally {
      child.kill('SIGKILL');
      await sink.stop();
      await files.remove();
    }
  }, 60_000);
});
