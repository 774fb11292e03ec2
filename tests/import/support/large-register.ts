// One-stop exports with many rows, shaped like fixtures/pakn-mot-cua.csv and
// fixtures/ho-so-mot-cua.csv, for the batched-import tests and bench/import.bench.ts. Assignees
// cycle through the office's officials (support/office.ts); every third record is finished.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ASSIGNEES = ['lan.nt', 'Lê Thị Bích', 'hung.pv'];

/** A January 2025 date, dd/MM/yyyy, from a row index. */
const january = (index: number, offset = 0) => `${String(2 + (index % 12) + offset).padStart(2, '0')}/01/2025`;

/** Writes `rows` petitions to `<dir>/<name>` and returns its path. */
export function writeLargePetitions(dir: string, rows: number, name = 'pakn-lon.csv'): string {
  const lines = ['STT,Mã hồ sơ,Ngày tiếp nhận,Nội dung,Người xử lý,Đơn vị,Trạng thái,Ngày trả lời'];
  for (let index = 0; index < rows; index++) {
    const answered = index % 3 === 2;
    lines.push(
      `${index + 1},PAKN-L${index + 1},${january(index)},"Phản ánh số ${index + 1} về thủ tục",${ASSIGNEES[index % ASSIGNEES.length]},,${answered ? `Đã trả lời,${january(index, 1)}` : 'Đang xử lý,'}`,
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Writes `rows` dossiers to `<dir>/<name>` and returns its path (returned ones: on time and late alternately). */
export function writeLargeDossiers(dir: string, rows: number, name = 'ho-so-lon.csv'): string {
  const lines = ['Mã hồ sơ;Tên thủ tục;Ngày tiếp nhận;Ngày hẹn trả;Cán bộ xử lý;Trạng thái;Ngày trả kết quả'];
  for (let index = 0; index < rows; index++) {
    const returned = index % 3 === 2;
    const late = index % 2 === 0;
    lines.push(
      `000.00.25.H34-2501-${index + 1};Chứng thực bản sao số ${index + 1};${january(index)};${january(index, 2)};${ASSIGNEES[index % ASSIGNEES.length]};${returned ? `${late ? 'Đã trả kết quả (trễ hạn)' : 'Đã trả kết quả'};${january(index, late ? 3 : 1)}` : 'Đang xử lý;'}`,
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
