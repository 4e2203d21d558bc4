import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SmtpSink } from './support/smtp-sink';
import { FINESS, TestApi, bearer, submission } from './support/vigie-api';

/**
 * The mailer inside the API (VIGIE_PROJECTOR=inline) with VIGIE_SMTP_URL pointing at a real SMTP
 * server on 127.0.0.1: a declaration submitted over real HTTP gets its receipt, once, to its
 * declarant, and the history records it without the address.
 */
describe('the declarant’s receipt, mailed by the API', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;
  let id: string;
  let label: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    api = await TestApi.start({
      VIGIE_MAIL: 'on',
      VIGIE_SMTP_URL: sink.url,
      VIGIE_MAIL_FROM: 'CERT Santé <no-reply@cert.example>',
      VIGIE_MAIL_POLL_MS: '20',
      VIGIE_PUBLIC_URL: 'https://vigie.example',
    });
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-chu', finess: [FINESS] }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-dupont' }));
  });
  afterAll(async () => {
    await api?.stop();
    await sink?.stop();
  });

  it('submitted through the API: the receipt arrives with its subject, to the declarant, and is recorded once', async () => {
    const response = await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send(submission())
      .expect(201);
    id = response.body.id;
    label = response.body.reference;
    expect(label).toMatch(/^\d{4}-\d{6}$/);
    const [mail] = await sink.waitFor(1);
    expect(mail.envelopeTo).toEqual(['rssi@ch-x.example']);
    expect(mail.parsed.subject).toBe(`[Vigie] Accusé de réception de votre déclaration ${label}`);
    expect(mail.parsed.text).toContain(`https://vigie.example/declarations/${label}`);
    for (const personal of ['Jeanne Martin', '+33 1 23 45 67 89', 'Ransom note', 'rssi-chu'])
      expect(mail.raw).not.toContain(personal);

    const deadline = Date.now() + 15_000;
    let mails: { by: string; changes: { field: string; to: unknown }[] }[] = [];
    while (mails.length === 0 && Date.now() < deadline) {
      const history = await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query(await api.caughtUp())
        .set(declarant)
        .expect(200);
      mails = (
        history.body.items as { type: string; by: string; changes: { field: string; to: unknown }[] }[]
      ).filter((item) => item.type === 'MailSent');
      if (mails.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      mails.map((item) => [item.by, Object.fromEntries(item.changes.map((c) => [c.field, c.to]))]),
    ).toEqual([
      ['system:mailer', { mailId: expect.any(String), kind: 'receipt', outcome: 'sent', attempts: 1 }],
    ]);
    expect(JSON.stringify(mails)).not.toContain('rssi@ch-x.example');
    // Some passes later, still one mail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.mails).toHaveLength(1);
  });

  it('the CERT posts a message through the API: the declarant gets it, without the analyst’s name; the facility’s own is not mailed', async () => {
    await api.http
      .post(`/api/v1/declarations/${id}/messages`)
      .set(declarant)
      .send({ body: 'Nos serveurs sont isolés.' })
      .expect(200);
    await api.http
      .post(`/api/v1/declarations/${id}/messages`)
      .set(analyst)
      .send({ body: 'Merci ; pouvez-vous préciser les versions ?' })
      .expect(200);
    const mails = await sink.waitFor(2);
    expect(mails[1].envelopeTo).toEqual(['rssi@ch-x.example']);
    expect(mails[1].parsed.subject).toBe(`[Vigie] Nouveau message du CERT sur votre déclaration ${label}`);
    expect(mails[1].parsed.text).toContain('> Merci ; pouvez-vous préciser les versions ?');
    expect(mails[1].raw).not.toContain('analyst-dupont');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.mails).toHaveLength(2);
  });
});

describe('the embedded default, with no relay: mails written to <dataDir>/outbox', () => {
  let api: TestApi;

  beforeAll(async () => {
    // `on` is the product's default, which the test kit turns off; no relay is set.
    api = await TestApi.start({ VIGIE_MAIL: 'on', VIGIE_MAIL_POLL_MS: '20' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a submission’s receipt lands as a parseable .eml file, addressed to the declarant', async () => {
    const declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-chu', finess: [FINESS] }));
    const { reference } = (
      await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)
    ).body;
    const outbox = join(api.config.dataDir, 'outbox');
    const deadline = Date.now() + 15_000;
    let files: string[] = [];
    while (files.length === 0 && Date.now() < deadline) {
      files = (() => {
        try {
          return readdirSync(outbox).filter((name) => name.endsWith('.eml'));
        } catch {
          return [];
        }
      })();
      if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(outbox, files[0])));
    expect(mail.subject).toBe(`[Vigie] Accusé de réception de votre déclaration ${reference}`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('rssi@ch-x.example');
  });
});
