// `cli zalo groups` reads the account's groups as zca-js returns them: ids from getAllGroups
// (gridVerMap), names and member counts from getGroupInfo (gridInfoMap), asked in batches.
import { describe, expect, it } from 'vitest';
import { listZaloGroups } from '../../src/channels/zalo/zalo-groups.ts';
import type { Zca } from '../../src/channels/zalo/zca-module.ts';

describe('listing the bot account’s Zalo groups', () => {
  it('names every group, sorted in Vietnamese order, asking for details 50 ids at a time', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => String(770000 + i));
    const asked: string[][] = [];
    const api = {
      getAllGroups: async () => ({ version: '1', gridVerMap: Object.fromEntries(ids.map((id) => [id, '1'])) }),
      getGroupInfo: async (groupId: string | string[]) => {
        const batch = [...groupId];
        asked.push(batch);
        const named = batch.filter((id) => id !== '770059');
        return {
          removedsGroup: [],
          unchangedsGroup: [],
          gridInfoMap: Object.fromEntries(
            named.map((id) => [
              id,
              { groupId: id, name: id === '770001' ? 'Ánh dương' : `Phòng ${id}`, totalMember: 12 },
            ]),
          ),
        };
      },
    } as unknown as Pick<Zca.API, 'getAllGroups' | 'getGroupInfo'>;

    const groups = await listZaloGroups(api);

    expect(asked.map((batch) => batch.length)).toEqual([50, 10]);
    expect(groups).toHaveLength(60);
    // Vietnamese order: "Ánh" before "Phòng" (plain code-unit order would put it last).
    expect(groups.filter((group) => group.members > 0)[0]).toEqual({
      groupId: '770001',
      name: 'Ánh dương',
      members: 12,
    });
    expect(groups.find((group) => group.groupId === '770059')).toEqual({
      groupId: '770059',
      name: '(không rõ tên)',
      members: 0,
    });
  });
});
