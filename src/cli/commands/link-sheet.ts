// `link-sheet [--unit <code>] --out <file.pdf|.html>`: printable cards for every official not yet
// on board, each with a fresh link code (LINK_SHEET_DAYS days). Printing a new sheet revokes the
// earlier unused codes of the people on it, so only the newest paper links.
import { extname } from 'node:path';
import { addDays } from 'date-fns';
import type { Command } from 'commander';
import { issueSheetLinkCodes } from '../../db/store/link-codes.ts';
import { listOfficials } from '../../db/store/officials.ts';
import { UserError } from '../../domain/errors.ts';
import { linkCards } from '../../reports/link-sheet/link-sheet.ts';
import { writeOutputFile } from '../../reports/write-output.ts';
import { codeArgument, nonEmptyText } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

const HOW_TO_NAME_THE_BOT =
  'Đặt TELEGRAM_BOT_USERNAME=<tên bot, không có @> trong .env (tên BotFather đã cấp, ví dụ NhacViecSTPBot), ' +
  'hoặc TELEGRAM_BOT_TOKEN để hỏi Telegram.';

async function telegramBotName(context: CliContext): Promise<string> {
  const { TELEGRAM_BOT_USERNAME, TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT } = context.config;
  if (TELEGRAM_BOT_USERNAME) return TELEGRAM_BOT_USERNAME;
  if (!TELEGRAM_BOT_TOKEN)
    throw new UserError(`Chưa biết tên bot Telegram để in mã QR. ${HOW_TO_NAME_THE_BOT}`, 'BOT_NAME');
  const { fetchTelegramBotUsername } = await import('../../channels/telegram/telegram-bot-username.ts');
  try {
    return await fetchTelegramBotUsername(TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Không hỏi được Telegram tên bot (${reason}). ${HOW_TO_NAME_THE_BOT}`, 'BOT_NAME');
  }
}

export function registerLinkSheetCommand(program: Command, context: () => CliContext): void {
  program
    .command('link-sheet')
    .description(
      'in phiếu liên kết (PDF hoặc HTML) cho cán bộ chưa liên kết: mã QR Telegram, dòng nhắn Zalo, hạn dùng; thu hồi mã của phiếu cũ',
    )
    .requiredOption('--out <file>', 'tệp kết quả: .pdf hoặc .html', nonEmptyText)
    .option('--unit <code>', 'chỉ cán bộ của đơn vị này', codeArgument)
    .option('--json', 'in JSON (gồm cả mã liên kết)')
    .action(async (options: JsonOption & { out: string; unit?: string }) => {
      const { db, clock, actor, config } = context();
      const format = extname(options.out).toLowerCase();
      if (format !== '.pdf' && format !== '.html')
        throw new UserError(`Tệp "${options.out}" phải có đuôi .pdf hoặc .html.`, 'OUTPUT_FORMAT');
      const officials = await listOfficials(db, { unitCode: options.unit, unlinked: true });
      if (officials.length === 0)
        throw new UserError(
          `Mọi cán bộ${options.unit ? ` của ${options.unit}` : ''} đã liên kết tài khoản chat: không có phiếu nào để in.`,
          'NOTHING_TO_PRINT',
        );
      const bot = await telegramBotName(context());
      const now = clock.now();
      const title = `Phiếu liên kết nhắc việc${options.unit ? ` — ${options.unit}` : ''}`;
      const { path, cards } = await issueSheetLinkCodes(
        db,
        officials.map((official) => official.username),
        { now, expiresAt: addDays(now, config.LINK_SHEET_DAYS) },
        actor,
        async (codes) => {
          const cards = linkCards(codes, bot);
          // Renderers load only for this verb (pdfkit and qrcode are not small).
          const content =
            format === '.pdf'
              ? await (
                  await import('../../reports/link-sheet/render-link-sheet-pdf.ts')
                ).renderLinkSheetPdf(cards, title)
              : await (
                  await import('../../reports/link-sheet/render-link-sheet-html.ts')
                ).renderLinkSheetHtml(cards, title);
          return { path: writeOutputFile(options.out, content), cards };
        },
      );
      const expires = cards[0]?.expiresText ?? '';
      emit(
        context(),
        options,
        { file: path, cards: cards.map(({ expiresAt, ...card }) => ({ ...card, expiresAt: expiresAt.toISOString() })) },
        () =>
          `Đã in ${cards.length} phiếu liên kết vào ${path} (mã hết hạn ${expires}; mã cũ chưa dùng của những người này đã bị thu hồi).`,
      );
    });
}
