// The horizontal lines a PDF page draws (a table's row borders), from pdf.js's operator list.
// Word, LibreOffice and most printers draw cell borders either as stroked lines or as thin filled
// rectangles; both are paths, so every straight horizontal edge of a stroked or filled path counts.
// Clipping paths (ended without painting) do not. Coordinates are turned top-down, as pdf-text.ts
// does for words, through the transforms in force (cm, q/Q, form XObjects).
// pdf.js 5 hands a page's fonts over with the operator list through
// ArrayBuffer.prototype.transferToFixedLength (Node ≥ 21); on Node 20 the list stops at the first font.
import 'core-js/actual/array-buffer/transfer-to-fixed-length.js';
import { getResolvedPDFJS, type getDocumentProxy } from 'unpdf';

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>['getPage']>>;

export interface HorizontalRule {
  page: number;
  /** Distance from the top of the page. */
  top: number;
  left: number;
  right: number;
}

type Matrix = [number, number, number, number, number, number];

/** pdf.js path commands inside a constructPath operation (its DrawOPS). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;
/** Shorter horizontal edges are glyph-like marks (underlines of a word, bullets), not borders. */
const MIN_RULE_LENGTH = 8;

function multiply(m: Matrix, ctm: Matrix): Matrix {
  return [
    m[0] * ctm[0] + m[1] * ctm[2],
    m[0] * ctm[1] + m[1] * ctm[3],
    m[2] * ctm[0] + m[3] * ctm[2],
    m[2] * ctm[1] + m[3] * ctm[3],
    m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
    m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
  ];
}

export async function readHorizontalRules(proxy: PdfPage, page: number): Promise<HorizontalRule[]> {
  const { OPS } = await getResolvedPDFJS();
  const painting = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const pageHeight = proxy.getViewport({ scale: 1 }).height;
  const { fnArray, argsArray } = await proxy.getOperatorList();
  const rules: HorizontalRule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const point = (x: number, y: number) => ({
    x: ctm[0] * x + ctm[2] * y + ctm[4],
    y: ctm[1] * x + ctm[3] * y + ctm[5],
  });
  const edge = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const [a, b] = [point(from.x, from.y), point(to.x, to.y)];
    if (Math.abs(a.y - b.y) < 0.5 && Math.abs(a.x - b.x) >= MIN_RULE_LENGTH)
      rules.push({ page, top: pageHeight - (a.y + b.y) / 2, left: Math.min(a.x, b.x), right: Math.max(a.x, b.x) });
  };
  fnArray.forEach((fn, index) => {
    const args = argsArray[index] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0]))
        ctm = multiply([...(args[0] as number[])] as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && painting.has(args?.[0] as number)) {
      for (const data of (args?.[1] as ArrayLike<number>[] | undefined) ?? []) walkPath(data, edge);
    }
  });
  return rules;
}

/** Calls `edge` for every straight segment of a path (curves only move the pen). */
function walkPath(
  data: ArrayLike<number>,
  edge: (from: { x: number; y: number }, to: { x: number; y: number }) => void,
): void {
  let start = { x: 0, y: 0 };
  let pen = { x: 0, y: 0 };
  for (let i = 0; i < data.length;) {
    switch (data[i]) {
      case MOVE_TO:
        pen = start = { x: data[i + 1]!, y: data[i + 2]! };
        i += 3;
        break;
      case LINE_TO: {
        const next = { x: data[i + 1]!, y: data[i + 2]! };
        edge(pen, next);
        pen = next;
        i += 3;
        break;
      }
      case CURVE_TO:
        pen = { x: data[i + 5]!, y: data[i + 6]! };
        i += 7;
        break;
      case QUADRATIC_CURVE_TO:
        pen = { x: data[i + 3]!, y: data[i + 4]! };
        i += 5;
        break;
      case CLOSE_PATH:
        edge(pen, start);
        pen = start;
        i += 1;
        break;
      default:
        return; // a command this reader does not know: stop rather than misread the numbers
    }
  }
}
