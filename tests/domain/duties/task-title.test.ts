import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/domain/deadlines/periods.ts';
import { loadDutyCatalogue } from '../../../src/domain/duties/catalogue.ts';
import { periodTaskTitle } from '../../../src/domain/duties/task-title.ts';

const period = (key: string) => parsePeriod(key)!;

describe('titles of recurring tasks', () => {
  it('puts the period where the title says "hằng tháng" instead of appending it', () => {
    const duty = { title: 'Báo cáo kết quả kiểm soát TTHC hằng tháng' };
    expect(periodTaskTitle(duty, period('2026-12'))).toBe('Báo cáo kết quả kiểm soát TTHC tháng 12/2026');
    expect(periodTaskTitle({ title: 'Báo cáo hàng quý gửi Văn phòng Sở' }, period('2027-Q1'))).toBe(
      'Báo cáo quý I/2027 gửi Văn phòng Sở',
    );
  });

  it('leaves words that only start like "hằng tháng" alone and then appends the period', () => {
    expect(periodTaskTitle({ title: 'Rà soát hằng thángx' }, period('2026-12'))).toBe(
      'Rà soát hằng thángx — tháng 12/2026',
    );
    expect(periodTaskTitle({ title: 'Công khai danh sách trễ hạn' }, period('2026-12'))).toBe(
      'Công khai danh sách trễ hạn — tháng 12/2026',
    );
  });

  it("fills {kỳ} and {kỳ trước} in a duty's taskTitle", () => {
    const duty = { title: 'x', taskTitle: 'Danh sách hồ sơ trễ hạn {kỳ trước}, công bố {kỳ}' };
    expect(periodTaskTitle(duty, period('2027-02'))).toBe(
      'Danh sách hồ sơ trễ hạn tháng 01/2027, công bố tháng 02/2027',
    );
  });

  it('labels the shipped late-dossier list with the month it covers (published by 05/02/2027 → January)', () => {
    const duty = loadDutyCatalogue().get('danh-sach-tre-han');
    expect(periodTaskTitle(duty, period('2027-02'))).toBe(
      'Công khai danh sách hồ sơ trễ hạn tháng 01/2027 (cơ quan, cán bộ giải quyết chậm, muộn)',
    );
    expect(periodTaskTitle(loadDutyCatalogue().get('bao-cao-thang'), period('2026-12'))).toBe(
      'Báo cáo kết quả kiểm soát TTHC tháng 12/2026',
    );
  });
});
