// Which reader an imported file gets: decided by its bytes, then by its name.
import { describe, expect, it } from 'vitest';
import { detectFileFormat } from '../../src/import/file-format.ts';

const zipWith = (part: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${part}....`)]);

describe('telling an imported file’s format', () => {
  it.each([
    ['a PDF under a Word name', 'ke-hoach.docx', Buffer.from('%PDF-1.7\n…'), 'pdf'],
    ['a Word file under an Excel name', 'ke-hoach.xlsx', zipWith('word/document.xml'), 'docx'],
    ['an Excel file under a Word name', 'ke-hoach.docx', zipWith('xl/workbook.xml'), 'xlsx'],
    ['a CSV', 'ke-hoach.csv', Buffer.from('STT,Nội dung\n'), 'csv'],
    ['broken bytes under an Excel name (exceljs says why)', 'hong.xlsx', Buffer.from('not a zip'), 'xlsx'],
    ['broken bytes under a PDF name (pdf.js says why)', 'hong.pdf', Buffer.from('not a pdf'), 'pdf'],
  ])('reads %s by its bytes', (_case, name, bytes, format) => {
    expect(detectFileFormat(name, bytes)).toBe(format);
  });

  it('refuses an archive that is neither Word nor Excel, a 97–2003 file and an unknown extension, saying why', () => {
    expect(detectFileFormat('ke-hoach.docx', zipWith('mimetypeapplication/vnd.oasis'))).toEqual({
      refused: 'tệp nén này không phải Word (.docx) hay Excel (.xlsx)',
    });
    expect(detectFileFormat('ke-hoach.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toEqual({
      refused: 'tệp Word/Excel 97–2003 (.doc/.xls) — hãy mở và lưu lại dạng .docx hoặc .xlsx',
    });
    expect(detectFileFormat('ke-hoach.odt', Buffer.from('hello'))).toEqual({
      refused: 'chỉ đọc được tệp .csv, .xlsx, .docx hoặc .pdf (tệp này là ".odt")',
    });
  });
});
