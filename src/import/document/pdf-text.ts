// The words a PDF shows and where, read with unpdf (a build of Mozilla's pdf.js that runs in
// Node without a worker). Coordinates are turned top-down (PDF's origin is the bottom left) and
// grouped into lines; a page without text — a scan — yields no lines.
import { getDocumentProxy } from 'unpdf';
import { ImportFileError } from '../import-file-error.ts';
import type { ImportSource } from '../table-reader.ts';
import { readHorizontalRules, type HorizontalRule } from './pdf-rules.ts';

export interface TextItem {
  page: number;
  left: number;
  right: number;
  /** Distance of the baseline from the top of the page. */
  top: number;
  height: number;
  text: string;
}

export interface TextLine {
  page: number;
  top: number;
  items: TextItem[];
}

export const SCANNED_PDF = 'Tệp PDF không có lớp chữ (bản scan) — cần OCR trước; hãy dùng tệp Word/Excel của kế hoạch.';

/** Fewer characters than this per page on average: a scan with at most a stamp or a page number. */
const MIN_CHARACTERS_PER_PAGE = 20;

/** The lines of words of every page, and the horizontal lines drawn (a table's row borders). */
export async function readPdfLines({
  name,
  bytes,
}: ImportSource): Promise<{ lines: TextLine[]; rules: HorizontalRule[] }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw new ImportFileError(
      name,
      undefined,
      `không mở được tệp PDF: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const items: TextItem[] = [];
  const rules: HorizontalRule[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const proxy = await pdf.getPage(page);
    const pageHeight = proxy.getViewport({ scale: 1 }).height;
    for (const item of (await proxy.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [, , , , x, y] = item.transform as number[];
      items.push({
        page,
        left: x!,
        right: x! + item.width,
        top: pageHeight - y!,
        height: item.height,
        text: item.str,
      });
    }
    rules.push(...(await readHorizontalRules(proxy, page)));
  }
  const characters = items.reduce((sum, item) => sum + item.text.replace(/\s/g, '').length, 0);
  const pages = pdf.numPages;
  await pdf.destroy();
  if (characters < MIN_CHARACTERS_PER_PAGE * pages) throw new ImportFileError(name, undefined, SCANNED_PDF);
  return { lines: groupLines(items), rules };
}

/** Items whose baselines lie within half a line of each other, on one page, form a line. */
function groupLines(items: TextItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => a.page - b.page || a.top - b.top || a.left - b.left);
  const lines: TextLine[] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && line.page === item.page && Math.abs(item.top - line.top) <= Math.max(item.height, 4) / 2)
      line.items.push(item);
    else lines.push({ page: item.page, top: item.top, items: [item] });
  }
  for (const line of lines) line.items.sort((a, b) => a.left - b.left);
  return lines;
}
