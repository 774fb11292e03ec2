// `cli zalo groups` names, beside each of the account's groups, the unit that uses it and whether
// its sends fail lately, so the office sees at once which group to fix.
import { describe, expect, it } from 'vitest';
import { accountGroupLine } from '../../src/cli/zalo-group-lines.ts';
import { HEALTHY_GROUP } from '../../src/db/store/unit-group-health.ts';
import type { UnitGroup } from '../../src/db/store/unit-groups.ts';

const failing: UnitGroup = {
  unitId: 1,
  unitCode: 'PTP',
  unitName: 'Phòng Tư pháp',
  groupId: '6620001',
  health: {
    failures: 2,
    lastError: 'zalo send failed: Bạn không phải là thành viên của nhóm',
    failingSince: new Date('2026-11-24T01:00:00Z'),
    alerted: true,
  },
};
const healthy: UnitGroup = { ...failing, unitCode: 'PHC', groupId: '6620002', health: HEALTHY_GROUP };

describe('the account groups listed by cli zalo groups', () => {
  it('name the unit using each group and its state; other groups stay plain', () => {
    const units = [failing, healthy];
    expect(accountGroupLine({ groupId: '6620001', name: 'Tư pháp', members: 12 }, units)).toBe(
      '6620001\tTư pháp\t12 thành viên\tđơn vị PTP: gửi vào nhóm lỗi 2 lần liên tiếp từ 24/11/2026 08:00 ' +
        '(đã báo quản trị): zalo send failed: Bạn không phải là thành viên của nhóm',
    );
    expect(accountGroupLine({ groupId: '6620002', name: 'HC', members: 5 }, units)).toBe(
      '6620002\tHC\t5 thành viên\tđơn vị PHC: gửi vào nhóm bình thường',
    );
    expect(accountGroupLine({ groupId: '9', name: 'Khác', members: 3 }, units)).toBe('9\tKhác\t3 thành viên');
  });
});
