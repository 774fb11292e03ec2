import type { DbClient } from '../database.ts';

/** The client as seen inside `$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<DbClient['$transaction']>[0]>[0];
