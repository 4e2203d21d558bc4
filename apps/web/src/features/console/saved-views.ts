import { openDB, type IDBPDatabase } from 'idb';
import { useCallback, useEffect, useState } from 'react';

/** A named queue: its query string. Kept in this browser's IndexedDB, under the person's id. */
export interface SavedView {
  owner: string;
  name: string;
  query: string;
}

const STORE = 'views';
let database: Promise<IDBPDatabase> | undefined;
const db = () =>
  (database ??= openDB('vigie-console', 1, {
    upgrade(upgrading) {
      const store = upgrading.createObjectStore(STORE, { keyPath: ['owner', 'name'] });
      store.createIndex('owner', 'owner');
    },
  }));

/** This person's saved views (another analyst on the same browser has their own), by name. */
export function useSavedViews(owner: string) {
  const [views, setViews] = useState<SavedView[]>([]);
  const reload = useCallback(async () => {
    const all = (await (await db()).getAllFromIndex(STORE, 'owner', owner)) as SavedView[];
    setViews(all.sort((a, b) => a.name.localeCompare(b.name)));
  }, [owner]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const save = async (name: string, query: string) => {
    await (await db()).put(STORE, { owner, name, query });
    await reload();
  };
  const remove = async (name: string) => {
    await (await db()).delete(STORE, [owner, name]);
    await reload();
  };
  return { views, save, remove };
}
