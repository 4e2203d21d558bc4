import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { describeEachReadDb, type ReadDb } from './support/read-side';
import { FINESS, OTHER_FINESS, TestApi, bearer, submission } from './support/vigie-api';

/**
 * Regulatory clocks over HTTP: staged reports, the CERT's requests, the CNIL notification, the
 * structure's NIS2 status, and `GET /api/v1/deadlines` with its filters and scoping. The API's
 * clock is moved by the test: no test waits for a deadline.
 */
describeEachReadDb('regulatory clocks and deadlines', 'vigie_e2e_deadlines', (readDb) => {
  let api: TestApi;
  let database: ReadDb;
  let now: number;
  let declarant: Record<string, string>;
  let otherDeclarant: Record<string, string>;
  let analyst: Record<string, string>;
  let hospital: string;
  let clinic: string;

  const hours = (count: number) => count * 3_600_000;
  const problemType = (code: string) => `https://vigie.example/problems/${code}`;

  beforeAll(async () => {
    now = Date.parse('2026-03-29T00:30:00.000Z');
    database = await readDb();
    api = await TestApi.start(database.env, { clock: () => new Date(now) });
    await loadDocument(api);
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-chu', finess: [FINESS] }));
    otherDeclarant = bearer(
      await api.token({ role: 'declarant', sub: 'rssi-clinic', finess: [OTHER_FINESS] }),
    );
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    // A NIS2 essential hospital, ransomware detected at 23:59 on the night clocks go forward, personal data exposed.
    hospital = (
      await api.http
        .post('/api/v1/declarations')
        .set(declarant)
        .send(
          submission({
            structure: {
              finess: FINESS,
              name: 'CHU X',
              type: 'ES',
              region: '11',
              isOse: false,
              nis2: 'ESSENTIAL',
            },
            occurredAt: '2026-03-28T23:40:00+01:00',
            detectedAt: '2026-03-28T23:59:00+01:00',
            dataImpacts: ['AVAILABILITY', 'CONFIDENTIALITY'],
          }),
        )
        .expect(201)
        .expect(conformsToDocument)
    ).body.id;
    clinic = (
      await api.http
        .post('/api/v1/declarations')
        .set(otherDeclarant)
        .send(
          submission({
            structure: {
              finess: OTHER_FINESS,
              name: 'Clinique Y',
              type: 'ES',
              region: '84',
              isOse: false,
              nis2: 'NONE',
            },
            occurredAt: '2026-03-28T20:00:00+01:00',
            detectedAt: '2026-03-28T21:00:00+01:00',
          }),
        )
        .expect(201)
        .expect(conformsToDocument)
    ).body.id;
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  const clocks = async (id: string, as = analyst) => {
    const caughtUp = await api.caughtUp();
    return (
      await api.http
        .get(`/api/v1/declarations/${id}/clocks`)
        .query(caughtUp)
        .set(as)
        .expect(200)
        .expect(conformsToDocument)
    ).body;
  };
  const statuses = async (id: string) =>
    Object.fromEntries(
      ((await clocks(id)).items as { clockId: string; status: string }[]).map((clock) => [
        clock.clockId,
        clock.status,
      ]),
    );
  const post = (id: string, action: string, as: Record<string, string>, body: object) =>
    api.http.post(`/api/v1/declarations/${id}/${action}`).set(as).send(body);
  const deadlines = async (query: Record<string, string>, as = analyst, status = 200) => {
    const caughtUp = await api.caughtUp();
    return api.http
      .get('/api/v1/deadlines')
      .query({ ...caughtUp, ...query })
      .set(as)
      .expect(status);
  };

  it('a NIS2 hospital’s declaration shows its clocks: the French one, NIS2’s stages and the GDPR’s, due in elapsed hours', async () => {
    const body = await clocks(hospital, declarant);
    expect(body.declarationId).toBe(hospital);
    expect(
      body.items.map((clock: Record<string, unknown>) => [clock.clockId, clock.dueAt, clock.status]),
    ).toEqual([
      ['CSP/DECLARATION', '2026-03-29T22:59:00.000Z', 'met'],
      ['NIS2/EARLY_WARNING', '2026-03-29T22:59:00.000Z', 'met'],
      ['GDPR/CNIL_NOTIFICATION', '2026-03-31T22:59:00.000Z', 'due'],
      ['NIS2/NOTIFICATION', '2026-03-31T22:59:00.000Z', 'due'],
      ['NIS2/FINAL', '2026-04-30T22:59:00.000Z', 'due'],
    ]);
  });

  it('a declarant of another facility does not see them (404), as for the declaration itself', async () => {
    await api.http
      .get(`/api/v1/declarations/${hospital}/clocks`)
      .set(otherDeclarant)
      .expect(404)
      .expect(conformsToDocument);
  });

  it('no final report before the incident notification: 409 with its own problem type', async () => {
    const response = await post(hospital, 'reports', declarant, { stage: 'FINAL', content: 'Rapport final' });
    expect(response.status).toBe(409);
    expect(response.body.type).toBe(problemType('notification-not-yet-submitted'));
  });

  it('the declarant submits the notification: 200 with the report id; the clock is met; every stage is its own event', async () => {
    now += hours(30);
    const response = await post(hospital, 'reports', declarant, {
      stage: 'NOTIFICATION',
      content: 'Notification d’incident',
    })
      .expect(200)
      .expect(conformsToDocument);
    expect(response.body).toEqual({
      id: hospital,
      revision: 1,
      position: expect.stringMatching(/^\d+$/),
      reportId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((await statuses(hospital))['NIS2/NOTIFICATION']).toBe('met');
    const caughtUp = await api.caughtUp();
    const history = (
      await api.http
        .get(`/api/v1/declarations/${hospital}/history`)
        .query(caughtUp)
        .set(declarant)
        .expect(200)
        .expect(conformsToDocument)
    ).body.items;
    expect(history.at(-1)).toMatchObject({ type: 'StagedReportSubmitted', by: 'rssi-chu' });
  });

  it('who may do what: an analyst does not submit reports (403); a stage outside the three is a 400 naming the field', async () => {
    await post(hospital, 'reports', analyst, { stage: 'NOTIFICATION', content: 'x' })
      .expect(403)
      .expect(conformsToDocument);
    const invalid = await post(hospital, 'reports', declarant, {
      stage: 'EARLY_WARNING',
      content: 'x',
    })
      .expect(400)
      .expect(conformsToDocument);
    expect(invalid.body.errors).toEqual([
      { field: 'stage', message: expect.stringContaining('NOTIFICATION') },
    ]);
    await post(hospital, 'reports', otherDeclarant, { stage: 'FINAL', content: 'x' })
      .expect(404)
      .expect(conformsToDocument);
  });

  it('outside NIS2 there are no staged reports: 409', async () => {
    const response = await post(clinic, 'reports', otherDeclarant, {
      stage: 'NOTIFICATION',
      content: 'x',
    })
      .expect(409)
      .expect(conformsToDocument);
    expect(response.body.type).toBe(problemType('nis2-does-not-apply'));
  });

  it('the CERT asks for an intermediate report by a date; one request at a time; the declarant answers it', async () => {
    const dueAt = new Date(now + hours(48)).toISOString();
    await post(hospital, 'intermediate-report-requests', declarant, {
      dueAt,
      reason: 'Point de situation',
    })
      .expect(403)
      .expect(conformsToDocument);
    await post(hospital, 'intermediate-report-requests', analyst, {
      dueAt: new Date(now - hours(1)).toISOString(),
      reason: 'x',
    })
      .expect(400)
      .expect(conformsToDocument);
    const requested = await post(hospital, 'intermediate-report-requests', analyst, {
      dueAt,
      reason: 'Point de situation',
    })
      .expect(200)
      .expect(conformsToDocument);
    const requestId = requested.body.requestId;
    const again = await post(hospital, 'intermediate-report-requests', analyst, {
      dueAt,
      reason: 'Encore',
    })
      .expect(409)
      .expect(conformsToDocument);
    expect(again.body.type).toBe(problemType('intermediate-report-already-requested'));
    expect((await statuses(hospital))[`NIS2/INTERMEDIATE/${requestId}`]).toBe('due');
    now += hours(50);
    expect((await statuses(hospital))[`NIS2/INTERMEDIATE/${requestId}`]).toBe('overdue');
    await post(hospital, 'reports', declarant, {
      stage: 'INTERMEDIATE',
      content: 'Restauration à 60 %',
    })
      .expect(200)
      .expect(conformsToDocument);
    expect((await statuses(hospital))[`NIS2/INTERMEDIATE/${requestId}`]).toBe('met-late');
  });

  it('the declarant declares its CNIL notification with the date it gives: the GDPR clock is met at that date', async () => {
    await post(hospital, 'cnil-notification', declarant, {
      notifiedAt: '2026-03-31T10:00:00+02:00',
      reference: 'CNIL-2026-0042',
    })
      .expect(200)
      .expect(conformsToDocument);
    const gdpr = (await clocks(hospital)).items.find((clock: { regime: string }) => clock.regime === 'GDPR');
    expect(gdpr).toMatchObject({ metAt: '2026-03-31T08:00:00.000Z', status: 'met' });
  });

  it('an analyst finds the clinic is an important entity: its NIS2 clocks appear, counted from its detection', async () => {
    await post(clinic, 'regulatory-status', otherDeclarant, { nis2: 'IMPORTANT' })
      .expect(403)
      .expect(conformsToDocument);
    await post(clinic, 'regulatory-status', analyst, { nis2: 'IMPORTANT' })
      .expect(200)
      .expect(conformsToDocument);
    expect(await statuses(clinic)).toEqual({
      'CSP/DECLARATION': 'met',
      'NIS2/EARLY_WARNING': 'met',
      'NIS2/NOTIFICATION': 'overdue',
      'NIS2/FINAL': 'due',
    });
  });

  describe('GET /api/v1/deadlines', () => {
    type Item = {
      declarationId: string;
      clockId: string;
      region: string;
      regime: string;
      status: string;
      finess: string;
      dueAt: string;
    };
    const items = (response: { body: { items: Item[] } }) => response.body.items;

    it('lists who is late, the soonest due first, with the status at the time of the request', async () => {
      const response = await deadlines({ status: 'overdue' });
      expect(response.body.at).toBe(new Date(now).toISOString());
      expect(items(response).map((item) => [item.declarationId, item.clockId])).toEqual([
        [clinic, 'NIS2/NOTIFICATION'],
      ]);
    });

    it('filters by region, regime and several statuses', async () => {
      expect(items(await deadlines({ region: '84' })).every((item) => item.declarationId === clinic)).toBe(
        true,
      );
      expect(items(await deadlines({ regime: 'GDPR' })).map((item) => item.declarationId)).toEqual([
        hospital,
      ]);
      const settled = items(await deadlines({ status: 'met,met-late', region: '11' }));
      expect(settled.map((item) => item.status).sort()).toEqual(['met', 'met', 'met', 'met', 'met-late']);
    });

    it('a declarant sees the deadlines of its facilities only', async () => {
      const own = items(await deadlines({}, declarant));
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((item) => item.finess === FINESS)).toBe(true);
      expect(items(await deadlines({ finess: OTHER_FINESS }, declarant))).toEqual([]);
    });

    it('pages with limit and cursor, without losing or repeating a row', async () => {
      const all = items(await deadlines({}));
      const seen: Item[] = [];
      let cursor: string | undefined;
      do {
        const page = await deadlines({ limit: '3', ...(cursor === undefined ? {} : { cursor }) });
        seen.push(...items(page));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(all);
      expect(all.map((item) => item.dueAt)).toEqual([...all.map((item) => item.dueAt)].sort());
    });

    it('refuses filters it does not know, naming them', async () => {
      const response = await deadlines({ status: 'late', regime: 'NIS3' }, analyst, 400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'regime',
        'status',
      ]);
      await api.http.get('/api/v1/deadlines').expect(401).expect(conformsToDocument);
    });
  });
});
