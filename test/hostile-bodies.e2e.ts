import type { Response } from 'supertest';
import { TestApi, bearer, fixedClock, submission } from './support/vigie-api';

/** `{"a":{"a":…}}`, `depth` objects deep, as text: building it as a value would be as deep. */
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A submission whose `description` holds `bytes` in the middle of its text, sent as raw bytes. */
function withRawBytes(bytes: number[], field = 'description'): Buffer {
  const marker = 'RAW-BYTES-HERE';
  const [before, after] = JSON.stringify(submission({ [field]: `Ransom note ${marker} on servers.` })).split(
    marker,
  );
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

function expectRefused(response: Response, message: RegExp): void {
  expect({ status: response.status, text: response.text.slice(0, 300) }).toMatchObject({ status: 400 });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 400, type: expect.stringContaining('/problems/') });
  expect(response.body.errors).toEqual(
    expect.arrayContaining([{ field: expect.any(String), message: expect.stringMatching(message) }]),
  );
}

/**
 * Bodies no client of the API sends but an attacker does: nesting deep enough to overflow a
 * recursive walk, and bytes that are not UTF-8. Each is refused as a 400 problem+json before
 * anything reads the body (the Idempotency-Key fingerprint included), and appends nothing.
 */
describe('hostile bodies, on every JSON route', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;
  let id: string;
  let routes: [name: string, path: string, headers: () => Record<string, string>][];

  beforeAll(async () => {
    api = await TestApi.start({}, { clock: fixedClock() });
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-bodies' }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-bodies' }));
    id = (await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)).body.id;
    routes = [
      ['submission', '/api/v1/declarations', () => declarant],
      ['amendment', `/api/v1/declarations/${id}/amendments`, () => declarant],
      ['qualification', `/api/v1/declarations/${id}/qualification`, () => analyst],
      ['staged report', `/api/v1/declarations/${id}/reports`, () => declarant],
      ['report publication', '/api/v1/reports/annual/2026/publications', () => analyst],
    ];
  });
  afterAll(() => api.stop());

  const send = (path: string, headers: Record<string, string>, raw: string | Buffer) =>
    api.http
      .post(path)
      .set({ ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': `hostile-${Math.random()}` })
      // As is: superagent would serialize a Buffer as JSON ({"type":"Buffer","data":[…]}).
      .serialize((body: string) => body)
      .send(raw);

  describe('nesting beyond the limit of 8 levels', () => {
    it.each([
      ['10,000 nested objects', nestedObjects(10_000)],
      ['a 100,000-deep array as the body', nestedArrays(100_000)],
      ['a 100,000-deep array in a field', `{"description":${nestedArrays(100_000)}}`],
      ['9 nested objects in a field', `{"description":${nestedObjects(9)}}`],
    ])('%s: 400 problem+json naming the limit on each route, nothing appended', async (_name, raw) => {
      for (const [route, path, headers] of routes) {
        const before = await api.headPosition();
        const response = await send(path, headers(), raw);
        expect({ route, status: response.status }).toEqual({ route, status: 400 });
        expectRefused(response, /deeper than 8 levels/);
        expect({ route, head: await api.headPosition() }).toEqual({ route, head: before });
      }
    });

    it('names the field where the nesting goes too deep', async () => {
      const raw = JSON.stringify(submission({ structure: { x: [[[[[[[[[1]]]]]]]]] } }));
      const response = await send('/api/v1/declarations', declarant, raw);
      expectRefused(response, /deeper than 8 levels/);
      expect(response.body.errors[0].field).toBe('structure.x.0.0.0.0.0.0');
    });

    it('brackets inside strings do not count, and 8 levels are still accepted as far as depth goes', async () => {
      const text = `Brackets ${'[{'.repeat(50)} quoted, \\" and escaped.`;
      await api.http
        .post('/api/v1/declarations')
        .set(declarant)
        .send(submission({ description: text }))
        .expect(201);
      // Depth 8 passes the depth checks and is refused by validation as an unknown field, not as too deep.
      const response = await send('/api/v1/declarations', declarant, `{"a":${nestedObjects(7)}}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).not.toMatch(/deeper/);
    });
  });

  describe('bytes that are not UTF-8', () => {
    it.each([
      ['\\xff\\xfe', [0xff, 0xfe]],
      ['a lone continuation byte', [0x80]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
      ['a sequence cut short', [0xe2, 0x82]],
    ])('%s in a description: 400 problem+json naming the field, nothing appended', async (_name, bytes) => {
      const before = await api.headPosition();
      const response = await send('/api/v1/declarations', declarant, withRawBytes(bytes));
      expectRefused(response, /UTF-8/);
      expect(response.body.errors).toEqual([{ field: 'description', message: expect.any(String) }]);
      expect(await api.headPosition()).toBe(before);
    });

    it('on an amendment too', async () => {
      const before = await api.headPosition();
      const raw = Buffer.concat([Buffer.from('{"description":"x'), Buffer.from([0xff]), Buffer.from('"}')]);
      const response = await send(`/api/v1/declarations/${id}/amendments`, declarant, raw);
      expectRefused(response, /UTF-8/);
      expect(response.body.errors).toEqual([{ field: 'description', message: expect.any(String) }]);
      expect(await api.headPosition()).toBe(before);
    });

    it('in a key, the body is named', async () => {
      const raw = Buffer.concat([Buffer.from('{"descr'), Buffer.from([0xfe]), Buffer.from('iption":"x"}')]);
      const response = await send(`/api/v1/declarations/${id}/amendments`, declarant, raw);
      expectRefused(response, /UTF-8/);
      expect(response.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
    });

    it('well-formed UTF-8 is kept as sent, U+FFFD written by the client included', async () => {
      const text = 'Rançongiciel 🔒 — “chiffré” \uFFFD fin.';
      const created = await send(
        '/api/v1/declarations',
        declarant,
        JSON.stringify(submission({ description: text })),
      );
      expect(created.status).toBe(201);
      const read = await api.http
        .get(`/api/v1/declarations/${created.body.id}`)
        .query({ minPosition: created.body.position })
        .set(declarant)
        .expect(200);
      expect(read.body.description).toBe(text);
    });

    it('a body in another charset than UTF-8 is 415 (RFC 8259: JSON between systems is UTF-8)', async () => {
      const before = await api.headPosition();
      const response = await api.http
        .post('/api/v1/declarations')
        .set({ ...declarant, 'Content-Type': 'application/json; charset=utf-16le' })
        .serialize((body: string) => body)
        .send(Buffer.from(JSON.stringify(submission()), 'utf16le'));
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await api.headPosition()).toBe(before);
    });
  });
});
