// Which reader a file needs, decided by its first bytes and, for the ZIP-based Office formats, by
// the part names stored uncompressed in the archive — never by the extension alone: a plan saved
// as "ke-hoach.xlsx" that is really a Word file, or a PDF renamed ".docx", is still read right.
import { extname } from 'node:path';

export type FileFormat = 'csv' | 'xlsx' | 'docx' | 'pdf';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .doc / .xls of Office 97–2003

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** The format, or a Vietnamese reason why the file cannot be read as a table. */
export function detectFileFormat(name: string, bytes: Uint8Array): FileFormat | { refused: string } {
  const extension = extname(name).toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, ZIP)) {
    const names = Buffer.from(bytes).toString('latin1');
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return { refused: 'tệp nén này không phải Word (.docx) hay Excel (.xlsx)' };
  }
  if (startsWith(bytes, OLE))
    return { refused: 'tệp Word/Excel 97–2003 (.doc/.xls) — hãy mở và lưu lại dạng .docx hoặc .xlsx' };
  // Unrecognised bytes under an Office or PDF name: let that reader say why it cannot open them.
  const byExtension: Record<string, FileFormat> = {
    '.csv': 'csv',
    '.txt': 'csv',
    '.xlsx': 'xlsx',
    '.docx': 'docx',
    '.pdf': 'pdf',
  };
  if (byExtension[extension]) return byExtension[extension];
  return {
    refused: `chỉ đọc được tệp .csv, .xlsx, .docx hoặc .pdf (tệp này là "${extension || 'không có đuôi'}")`,
  };
}
