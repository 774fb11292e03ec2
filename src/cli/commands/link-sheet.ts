// `link-sheet [--unit <code>] --out <file.pdf|.html>`: printable cards for every official not yet
// on board, each with a fresh link code (LINK_SHEET_DAYS days). Printing a new sheet revokes the
// earlier unused codes of the people on it, so only the newest paper links. The rule lives in
// src/services/link-sheet.ts (the web console prints the same sheet).
import { extname } from 'node:path';
import type { Command } from 'commander';
import { telegramBotName } from '../../channels/telegram/telegram-bot-name.ts';
import { UserError } from '../../domain/errors.ts';
import { writeOutputFile } from '../../reports/write-output.ts';
import { printLinkSheet } from '../../services/link-sheet.ts';
import { codeArgument, nonEmptyText } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

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
      const { path, cards } = await printLinkSheet(
        db,
        {
          format: format === '.pdf' ? 'pdf' : 'html',
          unitCode: options.unit,
          telegramBot: () => telegramBotName(config),
          now: clock.now(),
          validDays: config.LINK_SHEET_DAYS,
        },
        actor,
        async ({ content, cards }) => ({ path: writeOutputFile(options.out, content), cards }),
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
