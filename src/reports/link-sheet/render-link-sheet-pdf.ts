// The link sheet as an A4 PDF to print and cut: four cards a page, the QR drawn as vector squares
// (crisp at any printer resolution), text in Roboto so Vietnamese diacritics print.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { UserError } from '../../domain/errors.ts';
import { findChartFont } from '../chart-fonts.ts';
import { CARD_STEPS, type LinkCard } from './link-sheet.ts';

const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const CARDS_PER_PAGE = 4;
const GAP = 10;
const QR_SIZE = 150;
/** Four modules of white around the code, as the QR standard asks. */
const QUIET_MODULES = 4;

export async function renderLinkSheetPdf(cards: readonly LinkCard[], title: string): Promise<Buffer> {
  const font = findChartFont();
  if (!font) throw new UserError('Không tìm thấy phông chữ có dấu tiếng Việt (Roboto) để in phiếu.', 'FONT_MISSING');
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: title }, autoFirstPage: false });
  doc.registerFont('regular', font.files[0]!);
  doc.registerFont('bold', font.files[1] ?? font.files[0]!);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cardWidth = PAGE.width - 2 * PAGE.margin;
  const cardHeight = (PAGE.height - 2 * PAGE.margin - (CARDS_PER_PAGE - 1) * GAP) / CARDS_PER_PAGE;
  cards.forEach((card, index) => {
    if (index % CARDS_PER_PAGE === 0) doc.addPage();
    const y = PAGE.margin + (index % CARDS_PER_PAGE) * (cardHeight + GAP);
    drawCard(doc, card, { x: PAGE.margin, y, width: cardWidth, height: cardHeight });
  });
  doc.end();
  return finished;
}

type Box = { x: number; y: number; width: number; height: number };

function drawCard(doc: PDFKit.PDFDocument, card: LinkCard, box: Box): void {
  doc
    .save()
    .dash(4, { space: 3 })
    .lineWidth(0.5)
    .strokeColor('#888')
    .rect(box.x, box.y, box.width, box.height)
    .stroke();
  doc.restore();
  const pad = 12;
  const qrY = box.y + (box.height - QR_SIZE) / 2;
  drawQr(doc, card.telegramLink, box.x + pad, qrY, QR_SIZE);
  const textX = box.x + pad + QR_SIZE + pad;
  const width = box.x + box.width - pad - textX;
  doc
    .fillColor('#000')
    .font('bold')
    .fontSize(15)
    .text(card.fullName, textX, box.y + pad, { width });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#333')
    .text(`${card.unitName} (${card.unitCode}) — ${card.username}`, { width });
  doc.moveDown(0.6).fillColor('#000').fontSize(9).text(CARD_STEPS.telegram, { width });
  doc.moveDown(0.4).text(CARD_STEPS.zalo, { width });
  doc.font('bold').fontSize(14).text(card.zaloText, { width });
  doc.moveDown(0.3).font('regular').fontSize(9).text(`Hết hạn: ${card.expiresText}`, { width });
  doc.fillColor('#555').fontSize(8).text(CARD_STEPS.once, { width });
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + 2 * QUIET_MODULES);
  doc.save().fillColor('#000');
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++)
      if (modules.get(row, column))
        // A hair wider than the cell, so neighbouring squares print without white seams.
        doc.rect(x + (column + QUIET_MODULES) * cell, y + (row + QUIET_MODULES) * cell, cell + 0.05, cell + 0.05);
  doc.fill();
  doc.restore();
}
