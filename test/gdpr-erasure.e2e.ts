import { openEventStore } from '@vigie/event-store';
import { openReadDataSource, rebuildProjections } from '@vigie/read-models';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PersonalDataVault, openKeyStore } from '@vigie/privacy';
import { TestApi, bearer, fixedClock, submission } from './support/vigie-api';
import { runVigie } from './support/vigie-cli';

/** What `vigie <args>` printed, stdout then stderr. */
const vigie = async (args: string[], env: Record<string, string>): Promise<string> => {
  const { out, err } = await runVigie(args, env);
  return out + err;
};

const PERSON = {
  name: 'Jeanne Martin-Légaré',
  role: 'RSSI',
  email: 'Jeanne.Martin@CH-X.example',
  phone: '+33 6 12 34 56 78',
};
const OTHER = { name: 'Paul Durand', role: 'DSI', email: 'paul.durand@ch-x.example', phone: null };
const ERASED = { name: '[erased]', role: 'RSSI', email: '[erased]', phone: '[erased]' };

/** Every byte of every file of the data dir (event log, read models, WALs), as one buffer. */
const dataDirBytes = (dataDir: string): Buffer =>
  Buffer.concat(
    readdirSync(dataDir)
      .filter((file) => !file.startsWith('keys.sqlite'))
      .map((file) => readFileSync(join(dataDir, file))),
  );

describe('personal data: encrypted with a key per person, erased by destroying the key', () => {
  let api: TestApi;
  let analyst: Record<string, string>;
  let env: Record<string, string>;
  let declared: { id: string; position: string };
  let otherDeclared: { id: string; position: string };

  const view = async (id: string) =>
    (
      await api.http
        .get(`/api/v1/declarations/${id}`)
        .query(await api.caughtUp())
        .set(analyst)
        .expect(200)
    ).body;
  const submittedDeclarant = async (id: string) =>
    (
      await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query(await api.caughtUp())
        .set(analyst)
        .expect(200)
    ).body.items[0].changes.find((change: { field: string }) => change.field === 'declarant').to;
  const report = async () => {
    const { body } = await api.http
      .get('/api/v1/reports/annual/2026')
      .query(await api.caughtUp())
      .set(analyst)
      .expect(200);
    const { generatedAt: _generatedAt, asOf: _asOf, ...figures } = body;
    return figures;
  };

  beforeAll(async () => {
    api = await TestApi.start({}, { clock: fixedClock() });
    env = api.storeEnv;
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-gdpr' }));
    declared = (
      await api.http
        .post('/api/v1/declarations')
        .set(analyst)
        .send(submission({ declarant: PERSON }))
        .expect(201)
    ).body;
    otherDeclared = (
      await api.http
        .post('/api/v1/declarations')
        .set(analyst)
        .send(submission({ declarant: OTHER }))
        .expect(201)
    ).body;
    await api.http
      .post(`/api/v1/declarations/${declared.id}/qualification`)
      .set(analyst)
      .send({ origin: 'MALICIOUS', type: 'RANSOMWARE', regulatoryQualification: 'GRAVE', inScope: true })
      .expect(200);
  });
  afterAll(() => api.stop());

  it('the log and the read models hold only ciphertext: no file of the data dir contains the name, the e-mail or the phone', async () => {
    await view(declared.id);
    const bytes = dataDirBytes(api.config.dataDir);
    for (const secret of [
      PERSON.name,
      PERSON.email,
      PERSON.email.toLowerCase(),
      PERSON.phone,
      OTHER.name,
      OTHER.email,
    ])
      expect({ secret, found: bytes.includes(Buffer.from(secret, 'utf8')) }).toEqual({
        secret,
        found: false,
      });
    const store = await openEventStore(api.config.eventStoreUrl);
    try {
      const [event] = await store.readStream(`declaration-${declared.id}`);
      expect(event.data.declarant).toEqual({
        name: expect.stringMatching(/^enc:v1:ds_/),
        role: 'RSSI',
        email: expect.stringMatching(/^enc:v1:ds_/),
        phone: expect.stringMatching(/^enc:v1:ds_/),
      });
    } finally {
      await store.close();
    }
  });

  it('a caller who may read the declaration gets the declarant decrypted, in the declaration and its history', async () => {
    expect((await view(declared.id)).declarant).toEqual(PERSON);
    expect(await submittedDeclarant(declared.id)).toEqual(PERSON);
    const declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-gdpr' }));
    expect(
      (await api.http.get(`/api/v1/declarations/${declared.id}`).set(declarant).expect(200)).body.declarant,
    ).toEqual(PERSON);
  });

  it('vigie gdpr erase destroys the key: "[erased]" in the view and the history, the other declarant intact, the report unchanged', async () => {
    const before = await report();
    const subject = (await vigie(['gdpr', 'subject', '--email', ' jeanne.martin@ch-x.EXAMPLE'], env)).trim();
    expect(subject).toMatch(/^ds_[A-Za-z0-9_-]{22}$/);
    expect(await vigie(['gdpr', 'erase', '--subject', subject], env)).toMatch(/1 key destroyed/);

    expect((await view(declared.id)).declarant).toEqual(ERASED);
    expect(await submittedDeclarant(declared.id)).toEqual(ERASED);
    expect((await view(otherDeclared.id)).declarant).toEqual(OTHER);
    expect((await view(declared.id)).qualification).toMatchObject({ type: 'RANSOMWARE' });
    expect(await report()).toEqual(before);
    expect(await vigie(['gdpr', 'erase', '--subject', subject], env)).toMatch(/nothing to do/);
  });

  it('after a rebuild of every read model the data stay erased and the report stays the same', async () => {
    const before = await report();
    const store = await openEventStore(api.config.eventStoreUrl);
    const dataSource = await openReadDataSource(api.config.readDbUrl);
    try {
      await rebuildProjections({ store, dataSource });
    } finally {
      await dataSource.destroy();
      await store.close();
    }
    expect((await view(declared.id)).declarant).toEqual(ERASED);
    expect(await submittedDeclarant(declared.id)).toEqual(ERASED);
    expect(await report()).toEqual(before);
  });

  it('the ciphertext left in the log opens with no key any more', async () => {
    const store = await openEventStore(api.config.eventStoreUrl);
    const keys = await openKeyStore(api.config.keyStoreUrl);
    try {
      const [event] = await store.readStream(`declaration-${declared.id}`);
      const vault = new PersonalDataVault(keys, api.config.subjectSecret);
      expect(await vault.reveal(event.data.declarant as typeof PERSON)).toEqual(ERASED);
    } finally {
      await keys.close();
      await store.close();
    }
  });

  it('the same person declaring again gets a new key: the new declaration reads, the erased one stays erased', async () => {
    const again = (
      await api.http
        .post('/api/v1/declarations')
        .set(analyst)
        .send(submission({ declarant: PERSON }))
        .expect(201)
    ).body;
    expect((await view(again.id)).declarant).toEqual(PERSON);
    expect((await view(declared.id)).declarant).toEqual(ERASED);
  });
});
