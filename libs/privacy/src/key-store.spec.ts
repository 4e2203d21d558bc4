import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describePostgres } from '../../../test/support/postgres';
import type { KeyStore } from './key-store.port';
import { openKeyStore } from './open-key-store';
import { ERASED, PersonalDataVault } from './personal-data-vault';

const person = {
  name: 'Jeanne Martin',
  role: 'RSSI',
  email: 'rssi@ch-x.example',
  phone: '+33 1 23 45 67 89',
};

function keyStoreContract(open: () => Promise<{ store: KeyStore; reopen: () => Promise<KeyStore> }>): void {
  let store: KeyStore;
  let reopen: () => Promise<KeyStore>;
  beforeEach(async () => {
    ({ store, reopen } = await open());
  });
  afterEach(() => store.close());

  it('gives one subject the same key every time, and another subject another key', async () => {
    const first = await store.currentKey('ds_a');
    expect(first.generation).toBe(1);
    expect(first.key).toHaveLength(32);
    expect((await store.currentKey('ds_a')).key.equals(first.key)).toBe(true);
    expect((await store.findKey(first))!.equals(first.key)).toBe(true);
    expect((await store.currentKey('ds_b')).key.equals(first.key)).toBe(false);
  });

  it('keeps keys across a reopening', async () => {
    const first = await store.currentKey('ds_a');
    const again = await reopen();
    try {
      expect((await again.findKey(first))!.equals(first.key)).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('erasing destroys every generation; a later key is a new generation', async () => {
    const first = await store.currentKey('ds_a');
    expect(await store.erase('ds_a', new Date())).toEqual({ subjectId: 'ds_a', destroyed: 1 });
    expect(await store.findKey(first)).toBeNull();
    const second = await store.currentKey('ds_a');
    expect(second.generation).toBe(2);
    expect(second.key.equals(first.key)).toBe(false);
    expect(await store.erase('ds_a', new Date())).toEqual({ subjectId: 'ds_a', destroyed: 1 });
    expect(await store.erase('ds_a', new Date())).toEqual({ subjectId: 'ds_a', destroyed: 0 });
  });

  it('concurrent first uses of one subject agree on one key', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.currentKey('ds_c')));
    expect(new Set(keys.map((key) => key.key.toString('hex'))).size).toBe(1);
  });

  it('through the vault: sealed data reads back, and reads "[erased]" once the subject is erased', async () => {
    const vault = new PersonalDataVault(store, 's'.repeat(32));
    const sealed = await vault.seal(person);
    expect(sealed.role).toBe('RSSI');
    for (const field of ['name', 'email', 'phone'] as const) expect(sealed[field]).toMatch(/^enc:v1:/);
    expect(await vault.reveal(sealed)).toEqual(person);
    expect(await vault.reveal({ ...person, phone: null })).toEqual({ ...person, phone: null });
    await store.erase(vault.subjectOf(person.email), new Date());
    expect(await vault.reveal(sealed)).toEqual({ name: ERASED, role: 'RSSI', email: ERASED, phone: ERASED });
  });
}

describe('SQLite key store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  keyStoreContract(async () => {
    const url = `sqlite:${join(dir, 'keys.sqlite')}`;
    return { store: await openKeyStore(url), reopen: () => openKeyStore(url) };
  });

  it('no byte of an erased key is left in the file or its WAL', async () => {
    const store = await openKeyStore(`sqlite:${join(dir, 'keys.sqlite')}`);
    try {
      const { key } = await store.currentKey('ds_shredded');
      const files = () => readdirSync(dir).map((file) => readFileSync(join(dir, file)));
      expect(files().some((bytes) => bytes.includes(key))).toBe(true);
      await store.erase('ds_shredded', new Date());
      expect(files().some((bytes) => bytes.includes(key))).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describePostgres('PostgreSQL key store', () => {
  let drop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase('vigie_keys'));
  });
  afterAll(() => drop());

  keyStoreContract(async () => {
    const store = await openKeyStore(url);
    // Each test starts from an empty table.
    await (store as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool.query(
      'TRUNCATE subject_keys',
    );
    return { store, reopen: () => openKeyStore(url) };
  });
});
