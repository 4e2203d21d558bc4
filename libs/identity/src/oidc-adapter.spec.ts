import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openIdentityDataSource } from './identity-data-source';
import { oidcAdapterOn } from './oidc-adapter';

describe('the OpenID provider adapter on the identity database', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-oidc-adapter-'));
    dataSource = await openIdentityDataSource(`sqlite:${join(dir, 'identity.sqlite')}`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upserts and finds a model, and another adapter instance (another API) sees it', async () => {
    const Adapter = oidcAdapterOn(dataSource);
    await new Adapter('Session').upsert('s1', { uid: 'u1', accountId: 'a' }, 60);
    await new Adapter('Session').upsert('s1', { uid: 'u1', accountId: 'b' }, 60);
    expect(await new (oidcAdapterOn(dataSource))('Session').find('s1')).toEqual({
      uid: 'u1',
      accountId: 'b',
    });
    expect(await new Adapter('Session').findByUid('u1')).toEqual({ uid: 'u1', accountId: 'b' });
    expect(await new Adapter('Grant').find('s1')).toBeUndefined();
  });

  it('honours expiry on read', async () => {
    const adapter = new (oidcAdapterOn(dataSource))('AuthorizationCode');
    await adapter.upsert('old', { grantId: 'g' }, 1);
    expect(await adapter.find('old')).toEqual({ grantId: 'g' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await adapter.find('old')).toBeUndefined();
  });

  it('marks a consumed model, finds by user code, destroys, revokes by grant', async () => {
    const Adapter = oidcAdapterOn(dataSource);
    const codes = new Adapter('AuthorizationCode');
    const tokens = new Adapter('AccessToken');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    await tokens.upsert('t1', { grantId: 'g1' }, 60);
    await tokens.upsert('t2', { grantId: 'g2' }, 60);
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));
    const devices = new Adapter('DeviceCode');
    await devices.upsert('d1', { userCode: 'ABCD-EFGH' }, 60);
    expect(await devices.findByUserCode('ABCD-EFGH')).toEqual({ userCode: 'ABCD-EFGH' });
    await devices.destroy('d1');
    expect(await devices.find('d1')).toBeUndefined();
    await tokens.revokeByGrantId('g1');
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toEqual({ grantId: 'g2' });
  });
});
