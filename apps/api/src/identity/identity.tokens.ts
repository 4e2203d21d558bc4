/** The identity database (`VIGIE_IDENTITY_DB_URL`), a TypeORM DataSource opened and migrated at start. */
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
/** The embedded provider's local accounts (`LocalAccountsPort`, a `LocalAccounts` on the identity database). */
export const LOCAL_ACCOUNTS = Symbol('LOCAL_ACCOUNTS');
