// The group message's text: mentions land on "@Họ Tên" at UTF-16 offsets whatever the text holds
// before them (emoji, NFD diacritics); it shrinks to fit one message, and is cut into parts of whole
// officials only when even task ids do not fit.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { composeGroupDigest, type GroupDigestPart, type GroupMember } from '../../src/reminders/group-digest.ts';
import { calendar } from './support.ts';

const today = '2026-11-24' as LocalDate;

function member(n: number, tasks: number, name = `Nguyễn Thị Hồng Nhung ${n}`): GroupMember {
  return {
    officialId: n,
    name,
    userId: String(9000 + n),
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: n * 10 + i,
      title: `Báo cáo kết quả kiểm soát thủ tục hành chính quý IV năm 2026 của đơn vị ${n}`,
      targetDate: (i === 0 ? '2026-11-20' : '2026-11-27') as LocalDate,
      dueDate: (i === 0 ? '2026-11-20' : '2026-11-27') as LocalDate,
    })),
  };
}

function mentioned(part: GroupDigestPart): string[] {
  return part.mentions.map((mention) => part.text.slice(mention.offset, mention.offset + mention.length));
}

const compose = (members: GroupMember[]) =>
  composeGroupDigest({ today, calendar, unitName: 'Phòng Tư pháp', members, maxChars: 1900 });

describe('the unit-group digest text', () => {
  it('puts each mention exactly on its @name, NFD names and emoji included', () => {
    const nfd = 'Lê Thị Bích'.normalize('NFD');
    const [part] = compose([member(1, 2), member(2, 1, nfd), member(3, 1, '🌸 Hoa')]);
    expect(mentioned(part!)).toEqual(['@Nguyễn Thị Hồng Nhung 1', `@${nfd}`, '@🌸 Hoa']);
    expect(part!.text).toContain('Báo cáo kết quả'); // small units read titles
    expect(part!.text).toContain('quá hạn 2 ngày làm việc');
  });

  it('fits 50 officials in one message by dropping titles, then standings', () => {
    const parts = compose(Array.from({ length: 50 }, (_, i) => member(i + 1, 1)));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text.length).toBeLessThanOrEqual(1900);
    expect(parts[0]!.mentions).toHaveLength(50);
    expect(mentioned(parts[0]!).every((shown) => shown.startsWith('@Nguyễn Thị Hồng Nhung'))).toBe(true);
  });

  it('cuts a very large unit into parts of whole officials, each with its own mentions', () => {
    const members = Array.from({ length: 150 }, (_, i) => member(i + 1, 2));
    const parts = compose(members);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((part) => part.officialIds)).toEqual(members.map((m) => m.officialId));
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(1900);
      expect(mentioned(part)).toEqual(part.officialIds.map((id) => `@Nguyễn Thị Hồng Nhung ${id}`));
      expect(part.text).toMatch(/\(phần \d+\/\d+\)/);
    }
  });
});
