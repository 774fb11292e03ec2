// Read-only queries behind the web console's Cán bộ page (and `official show`): every official with the chat channels
// linked to them, in one statement (the page shows "Telegram ✓, Zalo —" per person).
import type { ChannelKind, Official, Role } from '../../domain/model.ts';
import { toOfficial, withUnit } from './officials.ts';
import { prismaOf, type Store } from './store.ts';

export interface OfficialWithChannels extends Official {
  channels: ChannelKind[];
}

export async function listOfficialsWithChannels(
  store: Store,
  filter: { unitIds?: readonly number[]; role?: Role; username?: string } = {},
): Promise<OfficialWithChannels[]> {
  const rows = await prismaOf(store).official.findMany({
    where: {
      ...(filter.unitIds ? { unitId: { in: [...filter.unitIds] } } : {}),
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.username ? { username: filter.username } : {}),
    },
    include: { ...withUnit, identities: { select: { channel: true } } },
    orderBy: [{ unit: { code: 'asc' } }, { username: 'asc' }],
  });
  return rows.map((row) => ({
    ...toOfficial(row),
    channels: [...new Set(row.identities.map((identity) => identity.channel))],
  }));
}

/** Every username on record, active or not: a new one must differ from all of them. */
export async function listUsernames(store: Store): Promise<string[]> {
  const rows = await prismaOf(store).official.findMany({ select: { username: true } });
  return rows.map((row) => row.username);
}
