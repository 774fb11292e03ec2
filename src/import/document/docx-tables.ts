// The tables of a Word (.docx) file as grids of text. mammoth turns the document into HTML that
// keeps the table structure (its rowspan/colspan come from Word's vMerge/gridSpan), and
// node-html-parser reads that HTML; we only lay the cells out on a grid.
//
// Merged cells: a cell spanning rows (Word's vertical merge — one "Cơ quan chủ trì" for several
// duties) is repeated into every row it covers, because it applies to each; a cell spanning
// columns (a section title across the row) is kept in its first column only, so it never leaks
// into the deadline column. Paragraphs and line breaks inside a cell become line breaks.
import mammoth from 'mammoth';
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { ImportFileError } from '../import-file-error.ts';
import type { ImportSource, TableRow } from '../table-reader.ts';

export async function readDocxTables({ name, bytes }: ImportSource): Promise<TableRow[][]> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new ImportFileError(
      name,
      undefined,
      `không mở được tệp Word: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const root = parse(html);
  return root.querySelectorAll('table').map(tableGrid);
}

function tableGrid(table: HTMLElement): TableRow[] {
  // Rows of this table only (mammoth puts them in the table or its thead/tbody), not of one nested in a cell.
  const rows = table
    .querySelectorAll('tr')
    .filter((row) => row.parentNode === table || row.parentNode?.parentNode === table);
  const grid: string[][] = rows.map(() => []);
  rows.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row.childNodes) {
      if (!isCell(cell)) continue;
      while (grid[rowIndex]![column] !== undefined) column++;
      const text = cellText(cell);
      const rowSpan = spanOf(cell, 'rowspan');
      const colSpan = spanOf(cell, 'colspan');
      for (let down = 0; down < rowSpan && rowIndex + down < rows.length; down++)
        for (let across = 0; across < colSpan; across++)
          grid[rowIndex + down]![column + across] = across === 0 ? text : '';
      column += colSpan;
    }
  });
  return grid.map((cells, index) => ({ rowNumber: index + 1, cells: Array.from(cells, (cell) => cell ?? '') }));
}

/** The text under a node, with a line break after each paragraph and at each <br>. */
function collectText(node: Node, parts: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) parts.push(child.text);
    else if (child instanceof HTMLElement) {
      const tag = child.rawTagName?.toLowerCase();
      if (tag === 'br') parts.push('\n');
      else {
        collectText(child, parts);
        if (tag === 'p' || tag === 'li') parts.push('\n');
      }
    }
  }
}

function isCell(node: unknown): node is HTMLElement {
  const tag = (node as HTMLElement).rawTagName?.toLowerCase();
  return tag === 'td' || tag === 'th';
}

function spanOf(cell: HTMLElement, attribute: string): number {
  const span = Number.parseInt(cell.getAttribute(attribute) ?? '1', 10);
  return Number.isFinite(span) && span > 0 ? span : 1;
}

function cellText(cell: HTMLElement): string {
  const parts: string[] = [];
  collectText(cell, parts);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
