import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { FINESS, TestApi, bearer, submission } from './support/vigie-api';

/**
 * Assignment and internal notes over real HTTP: the CERT assigns, reassigns, unassigns and writes
 * notes; a facility's declarant never sees any of it — not in the detail, the history, the list,
 * the receipt — and may not filter on it.
 */
describe('assignment and internal notes', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;
  let id: string;
  let position = '0';
  const NOTE = 'Même prestataire que CH Y : lien probable.';

  beforeAll(async () => {
    api = await TestApi.start();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    await loadDocument(api);
    ({ id, position } = (await api.http.post('/api/v1/declarations').set(declarant).send(submission())).body);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const post = async (path: string, headers: Record<string, string>, body: object, status = 200) => {
    const response = await api.http.post(`/api/v1/declarations/${id}/${path}`).set(headers).send(body);
    conformsToDocument(response);
    expect(response.status).toBe(status);
    if (status === 200) position = response.body.position;
    return response;
  };
  const read = (path: string, headers: Record<string, string>, query: object = {}) =>
    api.http
      .get(path)
      .query({ minPosition: position, ...query })
      .set(headers)
      .expect(200)
      .expect(conformsToDocument);

  it('an analyst assigns to itself, writes a note; the CERT sees both, in the detail and the history', async () => {
    await post('assignment', analyst, { assignee: 'analyst-cert' });
    await post('internal-notes', analyst, { body: NOTE });
    const { body } = await read(`/api/v1/declarations/${id}`, analyst);
    expect(body.assignee).toBe('analyst-cert');
    expect(body.internalNotes).toEqual([expect.objectContaining({ body: NOTE, postedBy: 'analyst-cert' })]);
    const history = (await read(`/api/v1/declarations/${id}/history`, analyst)).body.items;
    expect(history.map((item: { type: string }) => item.type)).toEqual([
      'DeclarationSubmitted',
      'DeclarationAssigned',
      'InternalNotePosted',
    ]);
    expect(history[1].changes).toEqual([{ field: 'assignee', from: null, to: 'analyst-cert' }]);
  });

  it('"assigned to me" and "unassigned" filter the list; an unknown assignee is a 400 naming it', async () => {
    const mine = (await read('/api/v1/declarations', analyst, { assignee: 'me' })).body.items;
    expect(mine.map((item: { id: string; assignee: string }) => [item.id, item.assignee])).toEqual([
      [id, 'analyst-cert'],
    ]);
    expect((await read('/api/v1/declarations', analyst, { assignee: 'none' })).body.items).toEqual([]);
    const refused = await post('assignment', analyst, { assignee: 'nobody-at-all' }, 400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'assignee' })]);
    await post('assignment', analyst, { assignee: null });
    const unassigned = (await read('/api/v1/declarations', analyst, { assignee: 'none' })).body.items;
    expect(unassigned.map((item: { id: string }) => item.id)).toEqual([id]);
    await post('assignment', analyst, { assignee: 'analyst-cert' });
  });

  it('the declarant sees none of it: detail, history, list, receipt; it may neither write nor filter', async () => {
    const { body } = await read(`/api/v1/declarations/${id}`, declarant);
    expect(body.assignee).toBeNull();
    expect(body.internalNotes).toEqual([]);
    expect(JSON.stringify(body)).not.toContain(NOTE);
    const history = await read(`/api/v1/declarations/${id}/history`, declarant);
    expect(history.body.items.map((item: { type: string }) => item.type)).toEqual(['DeclarationSubmitted']);
    expect(JSON.stringify(history.body)).not.toContain(NOTE);
    const list = await read('/api/v1/declarations', declarant);
    expect(list.body.items).toEqual([expect.objectContaining({ id, assignee: null })]);
    await api.http
      .get('/api/v1/declarations')
      .query({ assignee: 'me' })
      .set(declarant)
      .expect(400)
      .expect((response) => expect(response.body.errors[0].field).toBe('assignee'));
    await post('internal-notes', declarant, { body: 'Puis-je voir ?' }, 403);
    await post('assignment', declarant, { assignee: 'rssi-ch-x' }, 403);
    const receipt = await api.http
      .get(`/api/v1/declarations/${id}/receipt`)
      .query({ minPosition: position })
      .set(declarant)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((receipt.body as Buffer).toString('latin1')).not.toContain('analyst-cert');
  });

  it('the deadlines carry the reference and the assignee for the CERT, never the assignee for the facility', async () => {
    const ofIt = (items: { declarationId: string }[]) => items.filter((item) => item.declarationId === id);
    const [clock] = ofIt((await read('/api/v1/deadlines', analyst)).body.items);
    const { body: detail } = await read(`/api/v1/declarations/${id}`, analyst);
    expect(clock).toEqual(expect.objectContaining({ reference: detail.reference, assignee: 'analyst-cert' }));
    const forFacility = ofIt((await read('/api/v1/deadlines', declarant)).body.items);
    expect(forFacility.length).toBeGreaterThan(0);
    for (const item of forFacility) expect(item).toEqual(expect.objectContaining({ assignee: null }));
    const clocks = await read(`/api/v1/declarations/${id}/clocks`, declarant);
    expect(JSON.stringify(clocks.body)).not.toContain('analyst-cert');
    // The list counts down to the soonest clock still to meet, for both sides: none here (its one
    // clock, CSP, was met by the submission); a NIS2 essential entity's clocks run.
    const listed = async (reader: Record<string, string>, which: string) =>
      (await read('/api/v1/declarations', reader)).body.items.find(
        (item: { id: string }) => item.id === which,
      );
    expect((await listed(analyst, id)).nextDeadline).toBeNull();
    const base = submission();
    const nis2 = await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send({ ...base, structure: { ...(base.structure as object), nis2: 'ESSENTIAL' } })
      .expect(201);
    position = nis2.body.position;
    const unmet = (await read('/api/v1/deadlines', analyst)).body.items
      .filter(
        (item: { declarationId: string; metAt: string | null }) =>
          item.declarationId === nis2.body.id && item.metAt === null,
      )
      .sort((a: { dueAt: string }, b: { dueAt: string }) => a.dueAt.localeCompare(b.dueAt));
    expect(unmet.length).toBeGreaterThan(1);
    for (const reader of [analyst, declarant])
      expect((await listed(reader, nis2.body.id)).nextDeadline).toEqual({
        dueAt: unmet[0].dueAt,
        regime: unmet[0].regime,
        stage: unmet[0].stage,
      });
  });

  it('the CERT’s people by name, to assign to and to sign the history; refused to a facility', async () => {
    const admin = bearer(await api.token({ role: 'admin', sub: 'admin-cert' }));
    const invite = (email: string, name: string, role: string, finess?: string[]) =>
      api.http.post('/api/v1/users').set(admin).send({ email, name, role, finess }).expect(201);
    const zoe = (await invite('zoe@cert.example', 'Zoé Analyste', 'analyst')).body.user.id;
    const bob = (await invite('bob@cert.example', 'Bob Admin', 'admin')).body.user.id;
    await invite('rssi@ch-x.example', 'Rssi Établissement', 'declarant', [FINESS]);
    await api.http.post(`/api/v1/users/${bob}/disable`).set(admin).send({ reason: 'départ' }).expect(200);
    const staff = await api.http
      .get('/api/v1/cert-staff')
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    expect(staff.body.items).toEqual([
      { sub: bob, name: 'Bob Admin', active: false },
      { sub: zoe, name: 'Zoé Analyste', active: true },
    ]);
    expect(JSON.stringify(staff.body)).not.toContain('@');
    await api.http.get('/api/v1/cert-staff').set(declarant).expect(403);
    await post('assignment', analyst, { assignee: zoe });
    await post('assignment', analyst, { assignee: bob }, 400);
  });
});
