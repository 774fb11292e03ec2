// The link sheet as one self-contained HTML page (inline SVG QR codes, no asset from the
// internet), for offices that print from a browser or send the page around.
import QRCode from 'qrcode';
import { CARD_STEPS, type LinkCard } from './link-sheet.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font-family:Roboto,Arial,sans-serif;margin:0;padding:12px}
.card{display:flex;gap:16px;border:1px dashed #888;padding:12px;margin-bottom:10px;break-inside:avoid;max-width:720px}
.qr svg{width:150px;height:150px}
h2{margin:0;font-size:20px}.unit{color:#333;font-size:13px}.zalo{font-weight:bold;font-size:18px}
.small{color:#555;font-size:12px}@media(max-width:480px){.card{flex-direction:column}}`;

export async function renderLinkSheetHtml(cards: readonly LinkCard[], title: string): Promise<string> {
  const items = await Promise.all(
    cards.map(async (card) => {
      const svg = await QRCode.toString(card.telegramLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      return `<section class="card"><div class="qr">${svg}</div><div>
<h2>${escape(card.fullName)}</h2>
<div class="unit">${escape(card.unitName)} (${escape(card.unitCode)}) — ${escape(card.username)}</div>
<p>${escape(CARD_STEPS.telegram)} <a href="${escape(card.telegramLink)}">${escape(card.telegramLink)}</a></p>
<p>${escape(CARD_STEPS.zalo)}<br><span class="zalo">${escape(card.zaloText)}</span></p>
<p>Hết hạn: ${escape(card.expiresText)}</p>
<p class="small">${escape(CARD_STEPS.once)}</p>
</div></section>`;
    }),
  );
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
${items.join('\n')}
</body></html>
`;
}
