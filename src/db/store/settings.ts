// Small facts the program keeps about itself (the Setting table), read and written by key.
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

export async function readSetting(store: Store, key: string): Promise<string | undefined> {
  const row = await prismaOf(store).setting.findUnique({ where: { key } });
  return row?.value;
}

export async function writeSetting(tx: DbTransaction, key: string, value: string): Promise<void> {
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** Outside a transaction: one small fact, written or (with `undefined`) removed. */
export async function saveSetting(store: Store, key: string, value: string | undefined): Promise<void> {
  const db = prismaOf(store);
  if (value === undefined) await db.setting.deleteMany({ where: { key } });
  else await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
