// Writes a plan CSV fixture (rows copied from a seed plan's appendix) as the documents an office
// receives: a Word file and a PDF with a text layer, both laid out as the seed plans are — a title,
// a Phụ lục I of targets that is not the duty table, then the duty table with a two-row header
// ("Phân công thực hiện" over "Cơ quan chủ trì | Cơ quan phối hợp"), section rows merged across,
// cells on several lines, and (Word) the same owner merged down consecutive rows. Also a
// "scanned" PDF: the table as a picture only, no text layer.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';

const ROMAN = /^[IVX]+\.?$/;

function csvRows(csvPath: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const delimiter = text.split('\n', 1)[0]!.includes(';') ? ';' : ',';
  const [header, ...rows] = parse(text, { delimiter, relax_column_count: true }) as string[][];
  return { header: header!, rows: rows.map((row) => Array.from(header!, (_, i) => row[i] ?? '')) };
}

const TARGETS_HEADER = [
  'Số TT',
  'Tên nhiệm vụ',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Thực hiện trong năm 2025',
  'Giao chỉ tiêu',
];
const TARGETS_ROW = [
  '1',
  'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia',
  'Văn phòng Sở',
  'Các phòng',
  'Cả năm',
  '45%',
];

/** How a cell's text sits in its box: at the top (Word's default) or centred vertically (many offices' plans). */
export type CellAlignment = 'top' | 'middle';

// ---- Word ----

function paragraphs(text: string, bold = false): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }));
}

function tableCell(
  text: string,
  options: {
    columnSpan?: number;
    verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType];
    bold?: boolean;
    alignment?: CellAlignment;
  } = {},
) {
  return new TableCell({
    children: paragraphs(text, options.bold),
    ...(options.alignment === 'middle' ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    ...(options.verticalMerge ? { verticalMerge: options.verticalMerge } : {}),
  });
}

/**
 * `alignment: 'middle'`: every cell centred vertically; `font`: the document's font (the LibreOffice
 * PDF fixture names one with Vietnamese letters, as Times New Roman is on an office's computer).
 */
export async function writePlanDocx(
  csvPath: string,
  docxPath: string,
  { alignment = 'top', font }: { alignment?: CellAlignment; font?: string } = {},
): Promise<void> {
  const cell = (text: string, options: Parameters<typeof tableCell>[1] = {}) =>
    tableCell(text, { ...options, alignment });
  const { header, rows } = csvRows(csvPath);
  const [stt, content, owner, partners, ...rest] = header;
  const merge = VerticalMergeType;
  const headerRows = [
    new TableRow({
      tableHeader: true,
      children: [
        cell(stt!, { verticalMerge: merge.RESTART, bold: true }),
        cell(content!, { verticalMerge: merge.RESTART, bold: true }),
        cell('Phân công thực hiện', { columnSpan: 2, bold: true }),
        ...rest.map((label) => cell(label, { verticalMerge: merge.RESTART, bold: true })),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        cell('', { verticalMerge: merge.CONTINUE }),
        cell('', { verticalMerge: merge.CONTINUE }),
        cell(owner!, { bold: true }),
        cell(partners!, { bold: true }),
        ...rest.map(() => cell('', { verticalMerge: merge.CONTINUE })),
      ],
    }),
  ];
  const dataRows = rows.map((row, index) => {
    if (ROMAN.test(row[0]!) && row.slice(2).every((text) => !text))
      return new TableRow({
        children: [cell(row[0]!, { bold: true }), cell(row[1]!, { columnSpan: row.length - 1, bold: true })],
      });
    // The same owner on consecutive duty rows: one cell merged down, as offices lay plans out.
    const previous = rows[index - 1];
    const next = rows[index + 1];
    let ownerMerge: (typeof merge)[keyof typeof merge] | undefined;
    if (row[2] && previous?.[2] === row[2]) ownerMerge = merge.CONTINUE;
    else if (row[2] && next?.[2] === row[2]) ownerMerge = merge.RESTART;
    return new TableRow({
      children: row.map((text, column) =>
        column === 2 && ownerMerge
          ? cell(ownerMerge === merge.CONTINUE ? '' : text, { verticalMerge: ownerMerge })
          : cell(text),
      ),
    });
  });
  const document = new Document({
    ...(font ? { styles: { default: { document: { run: { font } } } } } : {}),
    sections: [
      {
        // Appendix tables are printed landscape, as the seed plans are.
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: 'Phụ lục I', bold: true })],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [TARGETS_HEADER, TARGETS_ROW].map(
              (cells) => new TableRow({ children: cells.map((text) => cell(text)) }),
            ),
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: 'Phụ lục II', bold: true })],
          }),
          ...paragraphs('CÁC NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH TRỌNG TÂM NĂM 2025', true),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...headerRows, ...dataRows] }),
        ],
      },
    ],
  });
  await writeFile(docxPath, await Packer.toBuffer(document));
}

// ---- PDF ----

const ROBOTO = join(
  dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/roboto/package.json')),
  '400Regular/Roboto_400Regular.ttf',
);
/** Column widths in points (A4 landscape leaves 770 between the margins), for 6 or 7 columns. */
const WIDTHS: Record<number, number[]> = { 6: [30, 250, 110, 110, 120, 130], 7: [30, 230, 95, 95, 100, 120, 100] };
const MARGIN = 36;
const PADDING = 5;
const FONT_SIZE = 9;

function finish(document: PDFKit.PDFDocument, path: string): Promise<void> {
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => document.on('end', resolve));
  document.end();
  return done.then(() => writeFile(path, Buffer.concat(chunks)));
}

/** Draws one table row of cells (each [text, span]) at y; returns its height. */
function drawRow(
  document: PDFKit.PDFDocument,
  y: number,
  cells: [string, number][],
  draw = true,
  alignment: CellAlignment = 'top',
  borders = true,
): number {
  const widths = WIDTHS[cells.reduce((sum, [, span]) => sum + span, 0)]!;
  let x = MARGIN;
  let column = 0;
  const boxes = cells.map(([text, span]) => {
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    const box = { x, width, text, height: document.heightOfString(text || ' ', { width: width - 2 * PADDING }) };
    x += width;
    column += span;
    return box;
  });
  const height = Math.max(...boxes.map((box) => box.height)) + 2 * PADDING;
  if (draw)
    for (const box of boxes) {
      if (borders) document.rect(box.x, y, box.width, height).stroke();
      const top = alignment === 'middle' ? y + (height - box.height) / 2 : y + PADDING;
      document.text(box.text, box.x + PADDING, top, { width: box.width - 2 * PADDING });
    }
  return height;
}

/**
 * `alignment: 'middle'`: every cell centred vertically, so a row's STT sits below its first lines;
 * `borders: false`: no cell borders drawn (rows must then be found from word positions); `'header'`:
 * borders around the header only.
 */
export async function writePlanPdf(
  csvPath: string,
  pdfPath: string,
  { alignment = 'top', borders = true }: { alignment?: CellAlignment; borders?: boolean | 'header' } = {},
): Promise<void> {
  const { header, rows } = csvRows(csvPath);
  const [stt, content, owner, partners, ...rest] = header;
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN });
  document.font(ROBOTO).fontSize(FONT_SIZE).lineWidth(0.5);
  const bottom = document.page.height - MARGIN;
  const drawHeader = (top: number): number => {
    // "Phân công thực hiện" over the two unit columns; the other labels span both header rows.
    const first = drawRow(
      document,
      top,
      [[stt!, 1], [content!, 1], ['Phân công thực hiện', 2], ...rest.map((label): [string, number] => [label, 1])],
      true,
      alignment,
      borders !== false,
    );
    const second = drawRow(
      document,
      top + first,
      [['', 1], ['', 1], [owner!, 1], [partners!, 1], ...rest.map((): [string, number] => ['', 1])],
      true,
      alignment,
      borders !== false,
    );
    return top + first + second;
  };
  document.text('Phụ lục II', MARGIN, MARGIN, { align: 'center' });
  document.text('CÁC NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH TRỌNG TÂM NĂM 2025', { align: 'center' });
  let y = drawHeader(document.y + 10);
  let page = 1;
  for (const row of rows) {
    const cells: [string, number][] =
      ROMAN.test(row[0]!) && row.slice(2).every((text) => !text)
        ? [
            [row[0]!, 1],
            [row[1]!, row.length - 1],
          ]
        : row.map((text) => [text, 1]);
    if (y + drawRow(document, y, cells, false) > bottom) {
      document.addPage();
      page++;
      document.text(String(page), MARGIN, MARGIN / 2, { align: 'center' }); // a page number, as plans have
      y = drawHeader(MARGIN);
    }
    y += drawRow(document, y, cells, true, alignment, borders === true);
  }
  await finish(document, pdfPath);
}

/** A plan page as a scan: a grey picture of a table and no text at all. */
export async function writeScannedPdf(pdfPath: string): Promise<void> {
  const document = new PDFDocument({ size: 'A4', margin: MARGIN });
  const width = 200;
  const height = 100;
  const pixels = Buffer.alloc(width * height * 3, 0xff);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (y % 20 === 0 || x % 50 === 0) pixels.fill(0x40, (y * width + x) * 3, (y * width + x) * 3 + 3);
  document.image(await rawToPng(pixels, width, height), MARGIN, MARGIN, { width: 500 });
  await finish(document, pdfPath);
}

async function rawToPng(rgb: Buffer, width: number, height: number): Promise<Buffer> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = rgb[i * 3]!;
    png.data[i * 4 + 1] = rgb[i * 3 + 1]!;
    png.data[i * 4 + 2] = rgb[i * 3 + 2]!;
    png.data[i * 4 + 3] = 0xff;
  }
  return PNG.sync.write(png);
}
