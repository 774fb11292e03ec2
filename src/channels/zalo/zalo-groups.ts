// The groups the bot's Zalo account belongs to, for the office to find a unit's group id
// (`cli zalo groups`, then `cli unit zalo-group <code> <id>`). zca-js: getAllGroups gives the ids,
// getGroupInfo their names and member counts. Only HTTP calls: no listener is opened, so the
// running bot's socket is not disturbed.
import type { Zca } from './zca-module.ts';

export interface ZaloGroupSummary {
  groupId: string;
  name: string;
  members: number;
}

/** How many groups one getGroupInfo call asks about. */
const INFO_BATCH = 50;

export async function listZaloGroups(api: Pick<Zca.API, 'getAllGroups' | 'getGroupInfo'>): Promise<ZaloGroupSummary[]> {
  const ids = Object.keys((await api.getAllGroups()).gridVerMap);
  const groups: ZaloGroupSummary[] = [];
  for (let start = 0; start < ids.length; start += INFO_BATCH) {
    const { gridInfoMap } = await api.getGroupInfo(ids.slice(start, start + INFO_BATCH));
    for (const id of ids.slice(start, start + INFO_BATCH)) {
      const info = gridInfoMap[id];
      groups.push({ groupId: id, name: info?.name ?? '(không rõ tên)', members: info?.totalMember ?? 0 });
    }
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
