import { pdfText } from './support/pdf-text';
import { FINESS, OTHER_FINESS, TestApi, bearer, fixedClock, submission } from './support/vigie-api';

/** The accusé de réception over real HTTP: what it prints, who may have it, the same bytes each time. */
describe('the receipt (accusé de réception) PDF', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let created: { id: string; reference: string; position: string };

  beforeAll(async () => {
    api = await TestApi.start({}, { clock: fixedClock('2026-03-03T09:00:00.000Z') });
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    created = (await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201))
      .body;
  });
  afterAll(async () => {
    await api?.stop();
  });

  const receipt = (path: string, headers: Record<string, string>) =>
    api.http
      .get(`/api/v1/declarations/${path}/receipt`)
      .query({ format: 'pdf', minPosition: created.position })
      .set(headers)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('prints the reference, when, by whom, the facility and the deadlines, in French', async () => {
    const response = await receipt(created.id, declarant).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="accuse-de-reception-${created.reference}.pdf"`,
    );
    const body = response.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain('Accusé de réception');
    expect(text).toContain(created.reference);
    expect(text).toContain('Centre hospitalier X');
    expect(text).toContain('Jeanne Martin (RSSI)');
    expect(text).toContain('3 mars 2026');
    expect(text).toContain('Les échéances qui courent');
  });

  it('is the same document by reference, byte for byte, and in English on request', async () => {
    const byId = (await receipt(created.id, declarant).expect(200)).body as Buffer;
    const byReference = (await receipt(created.reference, declarant).expect(200)).body as Buffer;
    expect(byReference.equals(byId)).toBe(true);
    const english = await receipt(created.id, declarant).query({ lang: 'en' }).expect(200);
    expect(pdfText(english.body as Buffer)).toContain('Acknowledgement of receipt');
  });

  it('another facility’s declarant gets 404, as for a declaration that does not exist', async () => {
    const other = bearer(await api.token({ role: 'declarant', sub: 'rssi-other', finess: [OTHER_FINESS] }));
    for (const path of [created.id, created.reference])
      await api.http
        .get(`/api/v1/declarations/${path}/receipt`)
        .query({ minPosition: created.position })
        .set(other)
        .expect(404);
    await api.http
      .get(`/api/v1/declarations/${created.id}/receipt`)
      .query({ lang: 'de' })
      .set(declarant)
      .expect(400);
  });
});
