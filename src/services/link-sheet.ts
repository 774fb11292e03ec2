// A link sheet: printable cards, each with a fresh link code, for the active officials not yet on
// board — of one unit, of the Sở, or of the people chosen. One rule for `link-sheet` (CLI) and the
// web console: who is on it, the refusal when nobody is, and that `publish` (write the file, or
// send it to the browser) runs inside the transaction that issues the codes.
import { addDays } from 'date-fns';
import { issueSheetLinkCodes } from '../db/store/link-codes.ts';
import { listOfficials } from '../db/store/officials.ts';
import type { Store } from '../db/store/store.ts';
import { UserError } from '../domain/errors.ts';
import type { Actor } from '../domain/model.ts';
import { linkCards, type LinkCard } from '../reports/link-sheet/link-sheet.ts';

export type LinkSheetFormat = 'pdf' | 'html';

export interface LinkSheetRequest {
  format: LinkSheetFormat;
  unitCode?: string | undefined;
  /** Only these officials (those of them still to link); absent: everyone of the unit or Sở. */
  usernames?: readonly string[] | undefined;
  /** Asked only once someone is to be printed (it may ask Telegram). */
  telegramBot: () => Promise<string>;
  now: Date;
  validDays: number;
}

export async function printLinkSheet<T>(
  store: Store,
  request: LinkSheetRequest,
  actor: Actor,
  publish: (sheet: { content: string | Buffer; cards: LinkCard[] }) => Promise<T>,
): Promise<T> {
  const chosen = request.usernames ? new Set(request.usernames) : undefined;
  const officials = (await listOfficials(store, { unitCode: request.unitCode, unlinked: true })).filter(
    (official) => !chosen || chosen.has(official.username),
  );
  if (officials.length === 0)
    throw new UserError(
      chosen
        ? 'Những cán bộ đã chọn đều đã liên kết tài khoản chat (hoặc đã ngừng hoạt động): không có phiếu nào để in.'
        : `Mọi cán bộ${request.unitCode ? ` của ${request.unitCode}` : ''} đã liên kết tài khoản chat: không có phiếu nào để in.`,
      'NOTHING_TO_PRINT',
    );
  const telegramBot = await request.telegramBot();
  const title = `Phiếu liên kết nhắc việc${request.unitCode ? ` — ${request.unitCode}` : ''}`;
  return issueSheetLinkCodes(
    store,
    officials.map((official) => official.username),
    { now: request.now, expiresAt: addDays(request.now, request.validDays) },
    actor,
    async (codes) => {
      const cards = linkCards(codes, telegramBot);
      // Renderers load only when a sheet is printed (pdfkit and qrcode are not small).
      const content =
        request.format === 'pdf'
          ? await (await import('../reports/link-sheet/render-link-sheet-pdf.ts')).renderLinkSheetPdf(cards, title)
          : await (await import('../reports/link-sheet/render-link-sheet-html.ts')).renderLinkSheetHtml(cards, title);
      return publish({ content, cards });
    },
  );
}
