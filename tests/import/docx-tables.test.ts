// The duty tables of a Word plan: merged cells, cells on several lines, and two appendices with
// their columns in different orders read as one table.
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { readPlanTable } from '../../src/import/plan/plan-table.ts';

const cell = (lines: string | string[], verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]) =>
  new TableCell({
    children: [lines].flat().map(
      (line) =>
        new Paragraph({
          children: line.split('|').map((part, i) => new TextRun({ text: part, break: i > 0 ? 1 : 0 })),
        }),
    ),
    ...(verticalMerge ? { verticalMerge } : {}),
  });

async function docxOf(...tables: (string | string[] | [string, 'restart' | 'continue'])[][][]): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        children: tables.flatMap((rows) => [
          new Paragraph('Phụ lục'),
          new Table({
            rows: rows.map(
              (cells) =>
                new TableRow({
                  children: cells.map((text) =>
                    Array.isArray(text) && (text[1] === 'restart' || text[1] === 'continue')
                      ? cell(text[0], text[1] === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE)
                      : cell(text),
                  ),
                }),
            ),
          }),
        ]),
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('reading the duty tables of a Word plan', () => {
  it('repeats a cell merged down into each row, keeps paragraphs and line breaks as lines, and joins two appendices', async () => {
    const bytes = await docxOf(
      [
        ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Thời gian hoàn thành'],
        ['1', ['Ban hành kế hoạch', 'năm 2025'], ['Văn phòng Sở', 'restart'], 'Trước ngày|20/02/2025'],
        ['2', 'Báo cáo quý', ['', 'continue'], 'Trước ngày 14 của tháng cuối quý'],
      ],
      [
        ['Thời hạn', 'TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Ghi chú'],
        ['Tháng 5 năm 2025', '1', 'Rà soát TTHC', 'Phòng Hành chính tư pháp', 'nếu có'],
      ],
    );
    const rows = await readPlanTable({ name: 'ke-hoach.docx', bytes });
    expect(rows).toEqual([
      {
        rowNumber: 1,
        cells: ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Kết quả', 'Thời gian hoàn thành', 'Ghi chú'],
      },
      {
        rowNumber: 2,
        cells: ['1', 'Ban hành kế hoạch\nnăm 2025', 'Văn phòng Sở', '', '', 'Trước ngày\n20/02/2025', ''],
      },
      { rowNumber: 3, cells: ['2', 'Báo cáo quý', 'Văn phòng Sở', '', '', 'Trước ngày 14 của tháng cuối quý', ''] },
      { rowNumber: 4, cells: ['1', 'Rà soát TTHC', 'Phòng Hành chính tư pháp', '', '', 'Tháng 5 năm 2025', 'nếu có'] },
    ]);
  });
});
