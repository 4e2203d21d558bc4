import {
  CODE_LISTS,
  LABELS,
  QUALIFIED_ORIGINS,
  TAXONOMY_VERSION,
  type CodeList,
  type Label,
} from '@vigie/domain';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { TestApi, bearer } from './support/vigie-api';

interface Served {
  version: string;
  validFrom: string;
  validUntil: string | null;
  lists: { id: string; fields: string[]; codes: { code: string; labels: Label }[] }[];
}

/** `GET /api/v1/taxonomy` over real HTTP, checked against the domain's code lists and labels. */
describe('GET /api/v1/taxonomy', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let served: Served;
  let etag: string;

  beforeAll(async () => {
    api = await TestApi.start();
    declarant = bearer(await api.token({ role: 'declarant' }));
    await loadDocument(api);
    const response = await api.http
      .get('/api/v1/taxonomy')
      .set(declarant)
      .expect(200)
      .expect('Content-Type', /^application\/json/)
      .expect(conformsToDocument);
    served = response.body as Served;
    etag = response.headers.etag as string;
  });
  afterAll(() => api.stop());

  it('serves the current version, valid from 1 October 2017 and not ended', () => {
    expect(served).toMatchObject({ version: TAXONOMY_VERSION, validFrom: '2017-10-01', validUntil: null });
  });

  it('serves every code list of the domain with each code, in order, and its French and English labels', () => {
    for (const id of Object.keys(CODE_LISTS) as CodeList[]) {
      const list = served.lists.find((candidate) => candidate.id === id);
      expect(list?.codes).toEqual(CODE_LISTS[id].map((code) => ({ code, labels: LABELS[id][code] })));
    }
    expect(served.lists.find((list) => list.id === 'qualifiedOrigin')?.codes.map(({ code }) => code)).toEqual(
      [...QUALIFIED_ORIGINS],
    );
  });

  it('spells labels as the form shows them', () => {
    const region = served.lists.find((list) => list.id === 'region')!;
    expect(region.codes.find(({ code }) => code === '04')).toEqual({
      code: '04',
      labels: { fr: 'La Réunion', en: 'Réunion' },
    });
    expect(region.fields).toEqual(['structure.region']);
  });

  it('any authenticated role may read it, the same bytes for each', async () => {
    for (const role of ['declarant', 'analyst', 'admin'] as const) {
      const response = await api.http
        .get('/api/v1/taxonomy')
        .set(bearer(await api.token({ role })))
        .expect(200);
      expect(response.body).toEqual(served);
      expect(response.headers.etag).toBe(etag);
    }
  });

  it('asks for a login', async () => {
    await api.http
      .get('/api/v1/taxonomy')
      .expect(401)
      .expect('Content-Type', /problem\+json/);
  });

  it('may be kept an hour by the client only, and revalidated with its ETag', async () => {
    const response = await api.http.get('/api/v1/taxonomy').set(declarant).expect(200);
    expect(response.headers['cache-control']).toBe('private, max-age=3600');
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await api.http
      .get('/api/v1/taxonomy')
      .set({ ...declarant, 'If-None-Match': etag })
      .expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text).toBe('');
    await api.http
      .get('/api/v1/taxonomy')
      .set({ ...declarant, 'If-None-Match': '"another"' })
      .expect(200);
  });
});
