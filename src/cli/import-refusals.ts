// Every import verb ends the same way: refused rows make the exit code 1, saying what was written.
import { UserError } from '../domain/errors.ts';

/** After the report is printed: refused rows make the exit code 1, saying what was written. */
export function refuseIfRowsRefused(report: { refused: unknown[]; written: boolean; dryRun: boolean }): void {
  const count = report.refused.length;
  if (count === 0) return;
  throw new UserError(refusedRowsMessage(count, report), 'IMPORT_ROWS_REFUSED');
}

function refusedRowsMessage(count: number, report: { written: boolean; dryRun: boolean }): string {
  if (report.dryRun) return `${count} dòng sẽ không nhập được (chạy thử, chưa ghi gì).`;
  if (report.written) return `${count} dòng không nhập được, đã bỏ qua (--skip-bad); các dòng còn lại đã được ghi.`;
  return `${count} dòng không nhập được: không ghi gì. Sửa tệp rồi nhập lại, hoặc dùng --skip-bad để chỉ nhập các dòng hợp lệ.`;
}
