// The opened database as every layer above src/db holds it: an opaque handle, bound to its
// database (SQLite or PostgreSQL) once at start, that the store's functions take as their first
// argument. Callers cannot query through it and never say which database runs; only src/db looks
// inside (prismaOf, providerOf).
import type { DatabaseProvider, DbClient } from '../database.ts';

declare const storeBrand: unique symbol;

export interface Store {
  readonly [storeBrand]: true;
}

const providers = new WeakMap<object, DatabaseProvider>();

/** Binds a connected client to its database kind and hands it out as a Store (src/db only). */
export function bindStore(client: DbClient, provider: DatabaseProvider): Store {
  providers.set(client, provider);
  return client as unknown as Store;
}

/** The Prisma client behind a store (src/db and test support only). */
export function prismaOf(store: Store): DbClient {
  return store as unknown as DbClient;
}

export function providerOf(store: Store): DatabaseProvider {
  const provider = providers.get(store);
  if (!provider) throw new Error('not a store opened by openDatabase');
  return provider;
}
