import { LessThan, type DataSource, type Repository } from 'typeorm';
import { OidcModelRow } from './identity.entities';

/** What oidc-provider stores: an object of its own making, with these few fields read by the adapter. */
export interface OidcPayload {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
  [key: string]: unknown;
}

/** oidc-provider's Adapter contract (its documentation's `lib/adapters/memory_adapter.js`). */
export interface OidcAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn: number): Promise<void>;
  find(id: string): Promise<OidcPayload | undefined>;
  findByUid(uid: string): Promise<OidcPayload | undefined>;
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** Every so many writes, the expired rows of every model go. */
const SWEEP_EVERY = 200;

/**
 * The provider's models (sessions, interactions, codes, grants, tokens …) in `identity_oidc_model`,
 * so that every API instance sees them and a restart keeps them. Expiry follows the provider's own
 * clock (the real one): a row past `expires_at` is not found, and is swept later.
 */
export function oidcAdapterOn(dataSource: DataSource): new (model: string) => OidcAdapter {
  const rows = dataSource.getRepository(OidcModelRow);
  let writes = 0;

  return class IdentityDbOidcAdapter implements OidcAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: OidcPayload, expiresIn: number): Promise<void> {
      const row: OidcModelRow = {
        key: this.key(id),
        model: this.model,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt: expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
        consumedAt: null,
      };
      await rows.upsert(row, ['key']);
      if (++writes % SWEEP_EVERY === 0) await sweep(rows);
    }

    find(id: string): Promise<OidcPayload | undefined> {
      return this.first(rows.findOneBy({ key: this.key(id) }));
    }

    findByUid(uid: string): Promise<OidcPayload | undefined> {
      return this.first(rows.findOneBy({ model: this.model, uid }));
    }

    findByUserCode(userCode: string): Promise<OidcPayload | undefined> {
      return this.first(rows.findOneBy({ model: this.model, userCode }));
    }

    async consume(id: string): Promise<void> {
      const row = await rows.findOneBy({ key: this.key(id) });
      if (row === null) return;
      const payload = {
        ...(JSON.parse(row.payload) as OidcPayload),
        consumed: Math.floor(Date.now() / 1000),
      };
      await rows.update(
        { key: row.key },
        { payload: JSON.stringify(payload), consumedAt: new Date().toISOString() },
      );
    }

    async destroy(id: string): Promise<void> {
      await rows.delete({ key: this.key(id) });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await rows.delete({ model: this.model, grantId });
    }

    private async first(found: Promise<OidcModelRow | null>): Promise<OidcPayload | undefined> {
      const row = await found;
      if (row === null) return undefined;
      if (row.expiresAt !== null && row.expiresAt <= new Date().toISOString()) return undefined;
      return JSON.parse(row.payload) as OidcPayload;
    }
  };
}

async function sweep(rows: Repository<OidcModelRow>): Promise<void> {
  await rows.delete({ expiresAt: LessThan(new Date().toISOString()) });
}
