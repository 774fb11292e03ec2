// The one rule against spreadsheet formula injection (OWASP "CSV injection"), used by every CSV
// and XLSX writer: a text cell that begins with = + - @, a tab or a carriage return could be read
// by Excel or LibreOffice as a formula (=HYPERLINK(…), =cmd|…), so it gets a leading single quote
// and is shown as the text it is. Only text is touched: numbers we compute (a negative
// difference, a count) stay numbers. XLSX writers also write such text as a string cell, never a
// formula, and keep the quote so that saving the sheet as CSV again stays harmless.
import type { Cell } from './report-tables.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK("http://x")` → `'=HYPERLINK("http://x")`; any other text unchanged. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as every writer must emit it: text made safe, numbers and empty cells as they are. */
export function safeCell(cell: Cell): Cell {
  return typeof cell === 'string' ? safeText(cell) : cell;
}
