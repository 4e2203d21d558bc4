import { jwtVerify } from 'jose';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createProgram } from '../apps/cli/src/program';
import { TestApi, bearer, newDataDir, submission } from './support/vigie-api';
import { runVigie as vigie } from './support/vigie-cli';

describe('vigie token', () => {
  const dataDir = newDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints only a token, signed with the data dir’s secret (generated on first use), holding the claims asked for', async () => {
    const { out, err } = await vigie(
      ['token', '--role', 'declarant', '--finess', '750712184,010000016', '--sub', 'rssi-x', '--ttl', '2h'],
      { VIGIE_DATA_DIR: dataDir },
    );
    expect(err).toBe('');
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');
    const { payload } = await jwtVerify(out.trim(), new TextEncoder().encode(secret));
    expect(payload).toMatchObject({ sub: 'rssi-x', role: 'declarant', finess: ['750712184', '010000016'] });
    expect(payload.exp! - payload.iat!).toBe(2 * 3600);
  });

  it('uses VIGIE_JWT_SECRET when it is set', async () => {
    const secret = 'a-configured-secret-of-more-than-32-chars';
    const { out } = await vigie(['token', '--role', 'analyst'], {
      VIGIE_DATA_DIR: dataDir,
      VIGIE_JWT_SECRET: secret,
    });
    const { payload } = await jwtVerify(out.trim(), new TextEncoder().encode(secret));
    expect(payload).toMatchObject({ role: 'analyst', sub: 'analyst-cli' });
  });

  it('its token is accepted by an API started on the same data dir', async () => {
    const { out } = await vigie(['token', '--role', 'declarant', '--finess', '750712184'], {
      VIGIE_DATA_DIR: dataDir,
    });
    const api = await TestApi.start({ VIGIE_DATA_DIR: dataDir });
    try {
      await api.http.post('/api/v1/declarations').set(bearer(out.trim())).send(submission()).expect(201);
    } finally {
      await api.stop({ removeData: false });
    }
  });

  it('refuses a declarant token without --finess, and an unknown role', async () => {
    await expect(vigie(['token', '--role', 'declarant'], { VIGIE_DATA_DIR: dataDir })).rejects.toThrow(
      /--finess/,
    );
    await expect(vigie(['token', '--role', 'nurse'], { VIGIE_DATA_DIR: dataDir })).rejects.toThrow(/nurse/);
  });

  it('--help lists the token command', async () => {
    let help = '';
    await expect(
      createProgram({ writeOut: (text) => (help += text), writeErr: () => undefined }).parseAsync([
        'node',
        'vigie',
        '--help',
      ]),
    ).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(help).toMatch(/token/);
  });
});
