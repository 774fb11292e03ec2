import { describe, expect, it } from 'vitest';
import { classifyProgress } from '../../src/import/one-stop/progress-status.ts';
import { UnitMatcher } from '../../src/import/plan/unit-matcher.ts';

const units = new UnitMatcher([
  { code: 'SO', name: 'Sở Tư pháp' },
  { code: 'VP', name: 'Văn phòng Sở' },
  { code: 'VPUB', name: 'Văn phòng UBND tỉnh' },
  { code: 'PXD', name: 'Phòng Xây dựng, kiểm tra và Phổ biến pháp luật' },
]);

describe('matching the owner unit a plan names', () => {
  it.each([
    ['Văn phòng Sở', 'VP'],
    ['VĂN PHÒNG SỞ', 'VP'],
    ['VP Sở', 'VP'],
    ['van phong so', 'VP'],
    ['VP', 'VP'], // a unit code
    ['Văn phòng UBND tỉnh', 'VPUB'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'VPUB'],
    ['- Van phong UBND\ntinh;\n- UBND cap huyen', 'VPUB'],
    ['Phòng Xây dựng\nkiểm tra và Phổ biến\npháp luật', 'PXD'],
    ['Văn phòng Sở; Phòng Xây dựng, kiểm tra và Phổ biến pháp luật', 'VP'], // the first named owns it
    ['Phòng Xây dựng, kiểm tra và Phổ biến pháp luật chủ trì, Văn phòng Sở', 'PXD'],
    ['Đơn vị chủ trì: Sở Tư pháp. Đơn vị phối hợp: Văn phòng UBND tỉnh', 'SO'],
  ])('reads %j as %s', (cell, code) => {
    expect(units.owner(cell).unit?.code).toBe(code);
  });

  it.each([
    ['Các Phòng chuyên môn thuộc Sở', 'Các Phòng chuyên môn thuộc Sở'],
    ['Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Văn phòng UBND tỉnh', 'Sở Nội vụ'],
    ['Văn phòng', 'Văn phòng'], // too short to be "Văn phòng Sở" or "Văn phòng UBND tỉnh"
  ])('does not guess an owner for %j', (cell, named) => {
    expect(units.owner(cell)).toEqual({ named });
  });
});

describe('reading the status column of one-stop exports', () => {
  it.each([
    ['', 'pending'],
    ['Đang xử lý', 'pending'],
    ['Chờ bổ sung', 'pending'],
    ['Chưa trả lời', 'pending'],
    ['Mới tiếp nhận', 'pending'],
    ['Quá hạn', 'pending'],
    ['Đã trả lời', 'finished'],
    ['DA TRA KET QUA', 'finished'],
    ['Đã trả kết quả (trễ hạn)', 'finished'],
    ['Hoàn thành', 'finished'],
    ['Đã giải quyết', 'finished'],
    ['Đã chuyển Bộ', undefined],
  ])('reads %j as %s', (text, progress) => {
    expect(classifyProgress(text)).toBe(progress);
  });
});
