import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { describeEachReadDb, type ReadDb } from './support/read-side';
import { FINESS, TestApi, bearer, fixedClock, qualification, submission } from './support/vigie-api';

/**
 * One declaration through its whole life, over HTTP: every answer carries the new revision and
 * ETag, and the history tells what changed from → to — read from read models in SQLite, then in
 * PostgreSQL. Every answer is also checked against the OpenAPI document the API serves.
 */
describeEachReadDb(
  'a declaration, from submission to closure, reopening and closure again',
  'vigie_e2e_life',
  (readDb) => {
    let api: TestApi;
    let database: ReadDb;
    let declarant: Record<string, string>;
    let analyst: Record<string, string>;
    let id: string;
    let lastPosition = 0n;

    beforeAll(async () => {
      database = await readDb();
      api = await TestApi.start(database.env, { clock: fixedClock('2026-03-03T09:00:00.000Z') });
      declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
      analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
      await loadDocument(api);
    });
    afterAll(async () => {
      await api?.stop();
      await database?.drop();
    });

    /** A command answer: status, `{ id, revision, position }`, and `ETag: "<revision>"`; positions only grow. */
    async function command(
      action: string,
      body: object,
      headers: Record<string, string>,
      revision: number,
    ): Promise<void> {
      const response = await api.http.post(`/api/v1/declarations/${id}/${action}`).set(headers).send(body);
      conformsToDocument(response);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { id, revision, position: expect.stringMatching(/^\d+$/) },
      });
      expect(response.headers.etag).toBe(`"${revision}"`);
      const position = BigInt(response.body.position);
      expect(position).toBeGreaterThan(lastPosition);
      lastPosition = position;
    }

    /** Reads see the last command: they ask for its position (read-your-writes). */
    const afterLastCommand = () => ({ minPosition: lastPosition.toString() });

    const status = async (): Promise<string> =>
      (
        await api.http
          .get(`/api/v1/declarations/${id}`)
          .query(afterLastCommand())
          .set(declarant)
          .expect(200)
          .expect(conformsToDocument)
      ).body.status;

    it('given a declarant of the facility, when it declares, then 201 with id, revision 0, ETag and Location', async () => {
      const response = await api.http.post('/api/v1/declarations').set(declarant).send(submission());
      expect(response.status).toBe(201);
      conformsToDocument(response);
      // The first declaration of 2026 (Paris) in this log: its reference is the year's first number.
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        revision: 0,
        position: expect.stringMatching(/^\d+$/),
        reference: '2026-000001',
      });
      id = response.body.id;
      expect(response.headers.etag).toBe('"0"');
      expect(response.headers.location).toBe(`/api/v1/declarations/${id}`);
      lastPosition = BigInt(response.body.position);
      expect(await status()).toBe('SUBMITTED');
    });

    it('when the declarant amends two fields at the revision it read, then one event per field', async () => {
      await command(
        'amendments',
        { description: 'Ransomware confirmed on 12 servers.', operationalImpact: 'INTERRUPTION' },
        { ...declarant, 'If-Match': '"0"' },
        2,
      );
    });

    it('when the CERT asks for a complement and the declarant answers, then the status follows', async () => {
      await command('complement-requests', { question: 'Which backups are intact?' }, analyst, 3);
      expect(await status()).toBe('COMPLEMENT_REQUESTED');
      await command('complements', { answer: 'The offline tapes of February.' }, declarant, 4);
      expect(await status()).toBe('SUBMITTED');
    });

    it('when the CERT qualifies, then requalifies, then the latest qualification holds', async () => {
      await command('qualification', qualification(), analyst, 5);
      expect(await status()).toBe('QUALIFIED');
      await command(
        'qualification',
        qualification({ type: 'IS_COMPROMISE', regulatoryQualification: 'SIGNIFICATIF' }),
        analyst,
        6,
      );
    });

    it('when support is requested and an intervention logged, then both are recorded', async () => {
      await command('support-requests', { reason: 'Need help to restore the directory.' }, declarant, 7);
      await command(
        'support-interventions',
        { kind: 'REMOTE_ADVICE', summary: 'Restoration plan reviewed by phone.' },
        analyst,
        8,
      );
    });

    it('when the resolution is reported and the CERT closes, reopens and closes again, then it ends closed', async () => {
      await command(
        'resolution',
        { resolvedAt: '2026-03-03T08:00:00+01:00', summary: 'Servers restored from tapes.' },
        declarant,
        9,
      );
      expect(await status()).toBe('RESOLVED');
      await command('closure', { reason: 'Resolved.' }, analyst, 10);
      expect(await status()).toBe('CLOSED');
      await command('reopening', { reason: 'Data leak discovered.' }, analyst, 11);
      expect(await status()).toBe('QUALIFIED');
      await command('closure', { reason: 'Leak handled.' }, analyst, 12);
      expect(await status()).toBe('CLOSED');
    });

    it('then GET shows every field with amendments applied, stamped by the server clock, with the ETag', async () => {
      const response = await api.http
        .get(`/api/v1/declarations/${id}`)
        .query(afterLastCommand())
        .set(analyst)
        .expect(200)
        .expect(conformsToDocument);
      expect(response.headers.etag).toBe('"12"');
      expect(response.body).toMatchObject({
        id,
        reference: '2026-000001',
        status: 'CLOSED',
        revision: 12,
        position: lastPosition.toString(),
        structure: {
          finess: FINESS,
          name: 'Centre hospitalier X',
          type: 'ES',
          region: '11',
          isOse: false,
          nis2: 'NONE',
        },
        declarant: { name: 'Jeanne Martin', role: 'RSSI', email: 'rssi@ch-x.example' },
        occurredAt: '2026-03-02T06:40:00.000Z',
        detectedAt: '2026-03-02T07:05:00.000Z',
        submittedAt: '2026-03-03T09:00:01.000Z',
        submittedBy: 'rssi-ch-x',
        description: 'Ransomware confirmed on 12 servers.',
        operationalImpact: 'INTERRUPTION',
        patientEndangerment: 'POTENTIAL',
        dataImpacts: ['AVAILABILITY'],
        supportRequested: true,
        qualification: {
          origin: 'MALICIOUS',
          type: 'IS_COMPROMISE',
          regulatoryQualification: 'SIGNIFICATIF',
          inScope: true,
          qualifiedBy: 'analyst-cert',
        },
        complements: [
          {
            question: 'Which backups are intact?',
            answer: 'The offline tapes of February.',
            providedBy: 'rssi-ch-x',
          },
        ],
        supportRequests: [{ reason: 'Need help to restore the directory.', requestedBy: 'rssi-ch-x' }],
        interventions: [
          { kind: 'REMOTE_ADVICE', summary: 'Restoration plan reviewed by phone.', loggedBy: 'analyst-cert' },
        ],
        closure: { reason: 'Leak handled.', closedBy: 'analyst-cert' },
        reopenings: 1,
      });
      // The reference opens the same declaration, for the declarant too.
      const byReference = await api.http
        .get('/api/v1/declarations/2026-000001')
        .query(afterLastCommand())
        .set(declarant)
        .expect(200)
        .expect(conformsToDocument);
      expect(byReference.body.id).toBe(id);
      expect(byReference.headers.etag).toBe('"12"');
    });

    it('then the history lists every event in order, who and when, and what changed from → to', async () => {
      const { body } = await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query(afterLastCommand())
        .set(declarant)
        .expect(200)
        .expect(conformsToDocument);
      const items: {
        revision: number;
        position: string;
        type: string;
        at: string;
        by: string;
        changes: { field: string; from: unknown; to: unknown }[];
      }[] = body.items;
      expect(items.map((item) => [item.revision, item.type, item.by])).toEqual([
        [0, 'DeclarationSubmitted', 'rssi-ch-x'],
        [1, 'DescriptionAmended', 'rssi-ch-x'],
        [2, 'OperationalImpactAmended', 'rssi-ch-x'],
        [3, 'ComplementRequested', 'analyst-cert'],
        [4, 'ComplementProvided', 'rssi-ch-x'],
        [5, 'DeclarationQualified', 'analyst-cert'],
        [6, 'DeclarationRequalified', 'analyst-cert'],
        [7, 'SupportRequested', 'rssi-ch-x'],
        [8, 'SupportInterventionLogged', 'analyst-cert'],
        [9, 'ResolutionReported', 'rssi-ch-x'],
        [10, 'DeclarationClosed', 'analyst-cert'],
        [11, 'DeclarationReopened', 'analyst-cert'],
        [12, 'DeclarationClosed', 'analyst-cert'],
      ]);
      expect(items[0].at).toBe('2026-03-03T09:00:01.000Z');
      const positions = items.map((item) => BigInt(item.position));
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(items[1].changes).toEqual([
        {
          field: 'description',
          from: 'Ransom note on several servers; patient records unavailable.',
          to: 'Ransomware confirmed on 12 servers.',
        },
      ]);
      expect(items[2].changes).toEqual([
        { field: 'operationalImpact', from: 'DEGRADED', to: 'INTERRUPTION' },
      ]);
      expect(items[6].changes).toEqual(
        expect.arrayContaining([
          { field: 'qualification.type', from: 'RANSOMWARE', to: 'IS_COMPROMISE' },
          { field: 'qualification.regulatoryQualification', from: 'GRAVE', to: 'SIGNIFICATIF' },
        ]),
      );
      expect(items[6].changes).toHaveLength(2);
      expect(items[11].changes).toEqual([{ field: 'reason', from: null, to: 'Data leak discovered.' }]);
    });

    it('a stale If-Match, a declaration that does not exist, a refused role: problems as the document says', async () => {
      await api.http
        .post(`/api/v1/declarations/${id}/closure`)
        .set({ ...analyst, 'If-Match': '"3"' })
        .send({ reason: 'Again.' })
        .expect(412)
        .expect(conformsToDocument);
      await api.http
        .get('/api/v1/declarations/00000000-0000-4000-8000-000000000000/history')
        .set(analyst)
        .expect(404)
        .expect(conformsToDocument);
      await api.http
        .post(`/api/v1/declarations/${id}/qualification`)
        .set(declarant)
        .send(qualification())
        .expect(403)
        .expect(conformsToDocument);
      await api.http.get(`/api/v1/declarations/${id}`).expect(401).expect(conformsToDocument);
    });
  },
);
