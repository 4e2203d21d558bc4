import { TestApi, bearer, qualification, submission } from './support/vigie-api';

describe('retries, stale revisions and lifecycle refusals', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    api = await TestApi.start();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-1' }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-1' }));
  });
  afterAll(() => api.stop());

  const declare = async (): Promise<string> =>
    (await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)).body.id;
  const historyOf = async (id: string): Promise<string[]> =>
    (
      await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query(await api.caughtUp())
        .set(analyst)
        .expect(200)
    ).body.items.map((item: { type: string }) => item.type);

  describe('Idempotency-Key', () => {
    it('same key and same body: the same status, body, ETag and Location, and one event only', async () => {
      const before = await api.headPosition();
      const headers = { ...declarant, 'Idempotency-Key': 'submit-2026-03-02-a' };
      const first = await api.http.post('/api/v1/declarations').set(headers).send(submission());
      // Same meaning, other key order: still the same request.
      const reordered = Object.fromEntries(Object.entries(submission()).reverse());
      const retry = await api.http.post('/api/v1/declarations').set(headers).send(reordered);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(retry.headers.location).toBe(first.headers.location);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await api.headPosition()).toBe(BigInt(first.body.position));
      expect(BigInt(first.body.position)).toBeGreaterThan(before);
      expect(await historyOf(first.body.id)).toEqual(['DeclarationSubmitted']);
    });

    it('same key and same body on a declaration command: replayed, even after later changes', async () => {
      const id = await declare();
      const headers = { ...analyst, 'Idempotency-Key': 'qualify-once' };
      const first = await api.http
        .post(`/api/v1/declarations/${id}/qualification`)
        .set(headers)
        .send(qualification())
        .expect(200);
      await api.http
        .post(`/api/v1/declarations/${id}/complement-requests`)
        .set(analyst)
        .send({ question: 'Which version?' })
        .expect(200);
      const retry = await api.http
        .post(`/api/v1/declarations/${id}/qualification`)
        .set(headers)
        .send(qualification())
        .expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe('"1"');
      expect(await historyOf(id)).toEqual([
        'DeclarationSubmitted',
        'DeclarationQualified',
        'ComplementRequested',
      ]);
    });

    it('same key and another body: 422 problem+json, nothing appended', async () => {
      const headers = { ...declarant, 'Idempotency-Key': 'submit-2026-03-02-b' };
      await api.http.post('/api/v1/declarations').set(headers).send(submission()).expect(201);
      const before = await api.headPosition();
      const response = await api.http
        .post('/api/v1/declarations')
        .set(headers)
        .send(submission({ description: 'Something else.' }));
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/idempotency-key-reused',
        status: 422,
      });
      expect(await api.headPosition()).toBe(before);
    });

    it('keys are per caller: the same key from another subject is another request', async () => {
      const other = bearer(await api.token({ role: 'declarant', sub: 'rssi-2' }));
      const first = await api.http
        .post('/api/v1/declarations')
        .set({ ...declarant, 'Idempotency-Key': 'shared-key' })
        .send(submission())
        .expect(201);
      const second = await api.http
        .post('/api/v1/declarations')
        .set({ ...other, 'Idempotency-Key': 'shared-key' })
        .send(submission())
        .expect(201);
      expect(second.body.id).not.toBe(first.body.id);
    });
  });

  describe('If-Match', () => {
    it('a stale If-Match is 412 and appends nothing; the current one is accepted', async () => {
      const id = await declare();
      await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set(declarant)
        .send({ description: 'First change.' })
        .expect(200);
      const before = await api.headPosition();
      const stale = await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set({ ...declarant, 'If-Match': '"0"' })
        .send({ description: 'Based on revision 0.' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({
        type: 'https://vigie.example/problems/precondition-failed',
        status: 412,
      });
      expect(await api.headPosition()).toBe(before);
      const current = await api.http
        .get(`/api/v1/declarations/${id}`)
        .query(await api.caughtUp())
        .set(declarant)
        .expect(200);
      await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set({ ...declarant, 'If-Match': current.headers.etag })
        .send({ description: 'Based on the current revision.' })
        .expect(200);
    });

    it('If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches, even of the current revision', async () => {
      const id = await declare();
      const before = await api.headPosition();
      for (const header of ['W/"0"', 'W/"0", W/"1"']) {
        const weak = await api.http
          .post(`/api/v1/declarations/${id}/amendments`)
          .set({ ...declarant, 'If-Match': header })
          .send({ description: 'Based on a weak tag.' });
        expect({ header, status: weak.status }).toEqual({ header, status: 412 });
        expect(weak.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(await api.headPosition()).toBe(before);
      // The strong tag among weak ones matches.
      await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set({ ...declarant, 'If-Match': 'W/"0", "0"' })
        .send({ description: 'Based on revision 0.' })
        .expect(200);
    });

    it('If-Match takes lists (with empty elements), "*", and tags no revision has, which never match', async () => {
      const id = await declare();
      const amend = (ifMatch: string, description: string) =>
        api.http
          .post(`/api/v1/declarations/${id}/amendments`)
          .set({ ...declarant, 'If-Match': ifMatch })
          .send({ description });
      expect((await amend('"7", "0"', 'Listed among others.')).status).toBe(200);
      expect((await amend(' , "1",, ', 'With empty list elements.')).status).toBe(200);
      expect((await amend('*', 'Any revision.')).status).toBe(200);
      const before = await api.headPosition();
      for (const header of ['"abc"', '"a,b", "03"', '""']) {
        const response = await amend(header, 'A tag the API never gave.');
        expect({ header, status: response.status }).toEqual({ header, status: 412 });
      }
      for (const header of ['*, "3"', '"3" "4"', '3', '"3', ',', 'W/ "3"', 'w/"3"']) {
        const response = await amend(header, 'Not an If-Match.');
        expect({ header, status: response.status }).toEqual({ header, status: 400 });
        expect(response.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      }
      expect(await api.headPosition()).toBe(before);
    });

    it('a malformed If-Match is 400 naming the header', async () => {
      const id = await declare();
      const response = await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set({ ...declarant, 'If-Match': 'yesterday' })
        .send({ description: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });
  });

  describe('lifecycle refusals are 409 problem+json and append nothing', () => {
    let closed: string;
    let open: string;

    beforeAll(async () => {
      closed = await declare();
      await api.http
        .post(`/api/v1/declarations/${closed}/closure`)
        .set(analyst)
        .send({ reason: 'Duplicate.' })
        .expect(200);
      open = await declare();
    });

    it.each([
      [
        'qualifying a closed declaration',
        () => `/api/v1/declarations/${closed}/qualification`,
        qualification(),
        'declaration-is-closed',
      ],
      [
        'amending a closed declaration',
        () => `/api/v1/declarations/${closed}/amendments`,
        { description: 'Late.' },
        'declaration-is-closed',
      ],
      [
        'reopening an open declaration',
        () => `/api/v1/declarations/${open}/reopening`,
        { reason: 'Why not.' },
        'declaration-not-closed',
      ],
      [
        'answering a complement nobody asked for',
        () => `/api/v1/declarations/${open}/complements`,
        { answer: 'Unasked.' },
        'no-open-complement-request',
      ],
    ])('%s', async (_name, path, body, code) => {
      const before = await api.headPosition();
      const token = path().endsWith('/complements') ? declarant : analyst;
      const response = await api.http.post(path()).set(token).send(body);
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: `https://vigie.example/problems/${code}`,
        status: 409,
        detail: expect.any(String),
      });
      expect(await api.headPosition()).toBe(before);
    });

    it('closing a closed declaration is nothing to do: 200 at the current revision, nothing appended', async () => {
      const before = await api.headPosition();
      const response = await api.http
        .post(`/api/v1/declarations/${closed}/closure`)
        .set(analyst)
        .send({ reason: 'Again.' })
        .expect(200);
      expect(response.body).toMatchObject({ id: closed, revision: 1 });
      expect(response.headers.etag).toBe('"1"');
      expect(await api.headPosition()).toBe(before);
    });

    it('a command on a declaration that does not exist is 404', async () => {
      const response = await api.http
        .post('/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11/closure')
        .set(analyst)
        .send({ reason: 'Ghost.' });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/declaration-not-found',
        status: 404,
      });
    });
  });
});
