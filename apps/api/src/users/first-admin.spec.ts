import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserPermissionsRow, openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { firstAdminInstructions } from './first-admin';

const EMBEDDED = { provider: 'embedded' } as const;

describe('firstAdminInstructions', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-first-admin-'));
    dataSource = await openReadDataSource(`sqlite:${join(dir, 'read.sqlite')}`);
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const user = (roles: string, disabled = false): UserPermissionsRow => ({
    userId: `u-${roles}-${String(disabled)}`,
    emailHash: null,
    email: 'enc:v1:ds_a:1:ZW1haWw',
    name: 'enc:v1:ds_a:1:bmFtZQ',
    invitedAt: '2026-03-02T08:30:00.000Z',
    revision: 1,
    roles,
    declarantFiness: '',
    disabled,
    grants: '[]',
    logins: '[]',
  });

  it('tells how to create the first administrator while there is none, with the embedded provider', async () => {
    await dataSource.getRepository(UserPermissionsRow).insert([user('analyst'), user('', true)]);
    expect(await firstAdminInstructions(dataSource, EMBEDDED)).toContain(
      'No administrator yet. Create the first one: npm run vigie -- users add --email <your e-mail> --name "<your name>" --role admin',
    );
  });

  it('says nothing once an administrator is in force', async () => {
    await dataSource.getRepository(UserPermissionsRow).insert(user('declarant,admin'));
    expect(await firstAdminInstructions(dataSource, EMBEDDED)).toBeNull();
  });

  it('says nothing with another identity provider', async () => {
    const external = {
      provider: 'external',
      issuer: 'https://idp.example',
      clientId: 'vigie',
      clientSecret: 'secret',
      scopes: 'openid',
      emailClaim: 'email',
      nameClaim: 'name',
    } as const;
    expect(await firstAdminInstructions(dataSource, external)).toBeNull();
  });
});
