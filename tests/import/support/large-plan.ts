// A plan appendix with many one-off rows, shaped like fixtures/ke-hoach-15-stp-phu-luc-2.csv, for
// the batched-import tests and bench/import.bench.ts. Owners cycle through the office's units
// (support/office.ts); due dates fall in 2025, after the JANUARY clock of the tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OWNERS = ['Văn phòng Sở', 'Phòng Hành chính tư pháp', 'Phòng Xây dựng, kiểm tra và Phổ biến pháp luật'];
const HEADER = 'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Kết quả công việc,Thời gian thực hiện';
/** One-off rows per section: STT paths stay short (I.1 … I.500, II.1 …). */
const SECTION_ROWS = 500;

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table)
    while (n >= value) {
      out += letters;
      n -= value;
    }
  return out;
}

/** Writes `rows` one-off rows (plus section headings) to `<dir>/<name>` and returns its path. */
export function writeLargePlan(dir: string, rows: number, name = 'ke-hoach-lon.csv'): string {
  const lines = [HEADER];
  for (let index = 0; index < rows; index++) {
    if (index % SECTION_ROWS === 0)
      lines.push(`${roman(index / SECTION_ROWS + 1)},PHẦN ${index / SECTION_ROWS + 1},,,,`);
    const month = 3 + (index % 9); // March … November 2025
    const day = 10 + (index % 15);
    lines.push(
      `${(index % SECTION_ROWS) + 1},"Nhiệm vụ số ${index + 1} của kế hoạch","${OWNERS[index % OWNERS.length]}","Các phòng, đơn vị",Báo cáo,"Trước ngày ${day}/${String(month).padStart(2, '0')}/2025"`,
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
