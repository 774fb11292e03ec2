// The unlinks of one official that «Hoàn tác» (web) or `official unlink --undo` could still undo,
// found from their audit rows and judged by identity-restore's own rule, so a door offers exactly
// what the restore would do.
import type { Official } from '../../domain/model.ts';
import { identitiesConcerned, undoOutcome, unlinkRecordOf } from './identity-restore.ts';
import type { LinkedIdentity } from './official-changes.ts';
import { requireOfficial } from './officials.ts';
import { prismaOf, type Store } from './store.ts';

export interface UndoableUnlink {
  /** The unlink's audit row: what `--undo` and the web form take. */
  auditId: number;
  at: Date;
  /** Who unlinked: an official, or null when the CLI (or the bot) did. */
  by: { username: string; fullName: string } | null;
  /** cli | system… when no official did it. */
  actorKind: string;
  /** Where it was done: web, cli, telegram… */
  via: string | null;
  /** The accounts «Hoàn tác» would link again. */
  restores: LinkedIdentity[];
}

/** Newest first. Empty for an inactive official (the restore refuses them too). */
export async function findUndoableUnlinks(
  store: Store,
  username: string,
  options: { now: Date },
): Promise<UndoableUnlink[]> {
  const db = prismaOf(store);
  const official: Official = await requireOfficial(store, username);
  if (!official.active) return [];
  // The undo window counts from the clock's time kept in the payload, not the row's own (the
  // database's), so rows are narrowed by action and username; an official has few unlinks.
  const rows = await db.auditEvent.findMany({
    where: { action: 'identity.unlink', payload: { contains: `"username":${JSON.stringify(username)}` } },
    select: {
      id: true,
      action: true,
      payload: true,
      actorKind: true,
      channel: true,
      actor: { select: { username: true, fullName: true } },
    },
    orderBy: { id: 'desc' },
  });
  const candidates = rows.flatMap((row) => {
    const record = unlinkRecordOf(row);
    return record?.username === username ? [{ row, record }] : [];
  });
  if (candidates.length === 0) return [];
  const current = await identitiesConcerned(
    db,
    official.id,
    candidates.map(({ record }) => record),
  );
  return candidates.flatMap(({ row, record }) => {
    const outcome = undoOutcome(record, official, current, options.now);
    if ('refusal' in outcome) return [];
    return [
      {
        auditId: record.auditId,
        at: record.at,
        by: row.actor,
        actorKind: row.actorKind,
        via: row.channel,
        restores: outcome.restored,
      },
    ];
  });
}
