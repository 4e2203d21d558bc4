import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApi } from '../support/vigie-api';

const root = join(__dirname, '..', '..');
const generator = join(root, 'scripts', 'generate-api-client.js');
const checkedIn = join(root, 'apps', 'web', 'src', 'api', 'schema.d.ts');

describe('The web client’s types (apps/web/src/api/schema.d.ts)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.stop());

  it('are what the API’s OpenAPI document says today: run `npm run generate:api-client` when this fails', async () => {
    const document = (await api.http.get('/docs-json').expect(200)).text;
    // In a child: jest cannot load openapi-typescript's ESM dependencies.
    const expected = execFileSync(process.execPath, [generator, '--render'], {
      input: document,
      encoding: 'utf8',
    });
    const actual = readFileSync(checkedIn, 'utf8');
    if (actual !== expected) {
      const line = actual.split('\n').findIndex((text, index) => text !== expected.split('\n')[index]);
      throw new Error(
        `schema.d.ts differs from the API's document from line ${line + 1}: run npm run generate:api-client`,
      );
    }
  });
});
