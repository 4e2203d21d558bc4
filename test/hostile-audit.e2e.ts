import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createTestDatabase, describePostgres } from './support/postgres';
import {
  OTHER_FINESS,
  SQLITE_IN_DATA_DIR,
  TestApi,
  bearer,
  fixedClock,
  submission,
} from './support/vigie-api';

/** Where the record of reads lives, and a way around the API to try and rewrite it. */
type AuditStore = () => Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
  tamper: (api: TestApi, sql: string) => Promise<void>;
}>;

function accountability(name: string, store: AuditStore): void {
  describe(`reads of declarations are recorded for admins to list [${name}]`, () => {
    let api: TestApi;
    let drop: () => Promise<void>;
    let tamper: (api: TestApi, sql: string) => Promise<void>;
    let analyst: Record<string, string>;
    let admin: Record<string, string>;
    let declarant: Record<string, string>;
    let first: string;
    let second: string;

    const reads = async (query: Record<string, string> = {}) =>
      (
        await api.http
          .get('/api/v1/audit/reads')
          .query(query)
          .set(admin)
          .expect(200)
          .expect(conformsToDocument)
      ).body as {
        items: Record<string, string>[];
        nextCursor: string | null;
      };

    beforeAll(async () => {
      const chosen = await store();
      drop = chosen.drop;
      tamper = chosen.tamper;
      api = await TestApi.start(chosen.env, { clock: fixedClock('2026-03-03T09:00:00.000Z') });
      await loadDocument(api);
      analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-anne' }));
      admin = bearer(await api.token({ role: 'admin', sub: 'admin-alain' }));
      declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-rose' }));
      first = (
        await api.http
          .post('/api/v1/declarations')
          .set(declarant)
          .send(submission())
          .expect(201)
          .expect(conformsToDocument)
      ).body.id;
      second = (
        await api.http
          .post('/api/v1/declarations')
          .set(admin)
          .send(
            submission({
              structure: { ...(submission().structure as object), finess: OTHER_FINESS, region: '84' },
            }),
          )
          .expect(201)
          .expect(conformsToDocument)
      ).body.id;
      const caughtUp = await api.caughtUp();
      await api.http
        .get(`/api/v1/declarations/${first}`)
        .query(caughtUp)
        .set({ ...analyst, 'X-Request-Id': 'read-1' })
        .expect(200)
        .expect(conformsToDocument);
      await api.http
        .get(`/api/v1/declarations/${first}/history`)
        .set({ ...analyst, 'X-Request-Id': 'read-2' })
        .expect(200)
        .expect(conformsToDocument);
      await api.http
        .get(`/api/v1/declarations/${second}`)
        .set({ ...admin, 'X-Request-Id': 'read-3' })
        .expect(200)
        .expect(conformsToDocument);
      await api.http
        .get(`/api/v1/declarations/${first}`)
        .set(declarant)
        .expect(200)
        .expect(conformsToDocument);
      await api.http.get('/api/v1/declarations').set(analyst).expect(200).expect(conformsToDocument);
      await api.http
        .get('/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11')
        .set(analyst)
        .expect(404)
        .expect(conformsToDocument);
    });
    afterAll(async () => {
      await api.stop();
      await drop();
    });

    it('an analyst’s and an admin’s reads of one declaration are recorded: who, when, which route, which declaration', async () => {
      const { items, nextCursor } = await reads();
      expect(items).toEqual([
        {
          id: expect.any(String),
          at: expect.stringMatching(/^2026-03-03T09:00:\d\d\.000Z$/),
          actor: 'admin-alain',
          role: 'admin',
          route: 'GET /api/v1/declarations/:id',
          declarationId: second,
          requestId: 'read-3',
        },
        {
          id: expect.any(String),
          at: expect.any(String),
          actor: 'analyst-anne',
          role: 'analyst',
          route: 'GET /api/v1/declarations/:id/history',
          declarationId: first,
          requestId: 'read-2',
        },
        {
          id: expect.any(String),
          at: expect.any(String),
          actor: 'analyst-anne',
          role: 'analyst',
          route: 'GET /api/v1/declarations/:id',
          declarationId: first,
          requestId: 'read-1',
        },
      ]);
      expect(nextCursor).toBeNull();
    });

    it('not recorded: a declarant reading its own facility’s declaration, lists, and reads that served nothing', async () => {
      expect((await reads()).items.map((item) => item.requestId)).toEqual(['read-3', 'read-2', 'read-1']);
    });

    it('filters by declaration, by reader and by period, and pages newest first', async () => {
      expect(
        (await reads({ declarationId: first.toUpperCase() })).items.map((item) => item.requestId),
      ).toEqual(['read-2', 'read-1']);
      expect((await reads({ actor: 'admin-alain' })).items.map((item) => item.requestId)).toEqual(['read-3']);
      const all = (await reads()).items;
      expect((await reads({ from: all[1].at, to: all[0].at })).items.map((item) => item.requestId)).toEqual([
        'read-2',
      ]);
      expect((await reads({ from: '2026-03-04T00:00:00+01:00' })).items).toEqual([]);
      const page = await reads({ limit: '2' });
      expect(page.items.map((item) => item.requestId)).toEqual(['read-3', 'read-2']);
      expect(
        (await reads({ limit: '2', cursor: page.nextCursor! })).items.map((item) => item.requestId),
      ).toEqual(['read-1']);
    });

    it('only admins may list them', async () => {
      await api.http.get('/api/v1/audit/reads').set(analyst).expect(403).expect(conformsToDocument);
      await api.http.get('/api/v1/audit/reads').set(declarant).expect(403).expect(conformsToDocument);
      await api.http.get('/api/v1/audit/reads').expect(401).expect(conformsToDocument);
    });

    it('the record is append-only: the store itself refuses to change or delete a line', async () => {
      // By message: better-sqlite3 throws errors of the realm that loaded it first, which jest's matchers may not take for errors.
      const refusal = async (sql: string): Promise<string> => {
        try {
          await tamper(api, sql);
          return 'accepted';
        } catch (error) {
          return String((error as { message?: unknown }).message);
        }
      };
      expect(await refusal("UPDATE read_audit SET actor = 'nobody'")).toMatch(/append-only/);
      expect(await refusal('DELETE FROM read_audit')).toMatch(/append-only/);
      expect((await reads()).items).toHaveLength(3);
    });
  });
}

accountability('sqlite', async () => ({
  env: { VIGIE_AUDIT_DB_URL: SQLITE_IN_DATA_DIR },
  drop: async () => undefined,
  tamper: async (api, sql) => {
    const db = new Database(api.config.auditDbUrl.slice('sqlite:'.length));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
}));

describePostgres('accountability', () => {
  accountability('postgres', async () => {
    const database = await createTestDatabase('vigie_audit');
    return {
      env: { VIGIE_AUDIT_DB_URL: database.url },
      drop: database.drop,
      tamper: async (_api, sql) => {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
    };
  });
});
