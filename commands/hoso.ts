// /hoso <mã> <hạn trả>: register a dossier the sender is processing (the bot reminds them to send
// an apology letter one working day before it would be late); /hoso xong <mã>: returned.
import { z } from 'zod';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { RECORD_CODE } from '../src/chat/arguments.ts';
import { formatDate, UNRECONCILED_NOTE } from '../src/chat/format.ts';
import { mayActOnTask } from '../src/chat/permissions.ts';
import { findDossier, markDossierReturned } from '../src/db/store/dossiers.ts';
import { UserError } from '../src/domain/errors.ts';
import { dateRangeMessage, parseLocalDate, type LocalDate } from '../src/domain/local-date.ts';
import { registerDossier } from '../src/services/event-duties.ts';

const USAGE_HINT = 'ví dụ: /hoso 000.00.12.H39-261110-0003 23/02/2026, hoặc /hoso xong 000.00.12.H39-261110-0003';

type HosoArgs = { action: 'add'; code: string; dueDate: LocalDate } | { action: 'returned'; code: string };

export const hoso = defineCommand({
  names: ['hoso', 'dossier'],
  description: 'Ghi nhận hồ sơ đang giải quyết (nhắc phiếu xin lỗi nếu sắp quá hạn); /hoso xong <mã> khi đã trả',
  usage: '/hoso <mã> <hạn trả dd/MM/yyyy> | /hoso xong <mã>',
  audience: 'linked',
  args: z
    .array(z.string())
    .length(2, { error: `Hãy ghi mã hồ sơ và hạn trả, ${USAGE_HINT}` })
    .transform((words, ctx): HosoArgs => {
      const [first, second] = words as [string, string];
      const returned = first.toLowerCase() === 'xong';
      const code = returned ? second : first;
      if (!RECORD_CODE.test(code)) {
        ctx.addIssue({
          code: 'custom',
          message: `Mã hồ sơ "${code.slice(0, 40)}" chỉ gồm chữ không dấu, số và - _ . /`,
        });
        return z.NEVER;
      }
      if (returned) return { action: 'returned', code };
      const dueDate = parseLocalDate(second);
      if (!dueDate) {
        ctx.addIssue({
          code: 'custom',
          message:
            dateRangeMessage(second) ?? `Hạn trả "${second.slice(0, 20)}" không hợp lệ (dd/MM/yyyy), ${USAGE_HINT}`,
        });
        return z.NEVER;
      }
      return { action: 'add', code, dueDate };
    }),
  async run(args, { db, now, today, sender, reference }) {
    assertLinked(sender);
    if (args.action === 'add') {
      const { apologyTaskId, apologyDueDate } = await registerDossier(
        db,
        { code: args.code, dueDate: args.dueDate, assigneeUsername: sender.official.username },
        reference,
        sender.actor,
      );
      return {
        text:
          `📁 Đã ghi nhận hồ sơ ${args.code}, hẹn trả ${formatDate(args.dueDate)}.\n` +
          `Việc #${apologyTaskId}: nếu hồ sơ sẽ quá hạn, gửi phiếu xin lỗi trước ${formatDate(apologyDueDate)}. Trả xong: /hoso xong ${args.code}\n` +
          `Lưu ý: ${UNRECONCILED_NOTE}.`,
      };
    }
    const dossier = await findDossier(db, args.code);
    if (!dossier) throw new UserError(`Không có hồ sơ mã "${args.code}".`, 'DOSSIER_NOT_FOUND');
    if (!(await mayActOnTask(db, sender.official, dossier))) {
      throw new UserError(`Hồ sơ ${args.code} không thuộc phạm vi của bạn.`, 'DOSSIER_FORBIDDEN');
    }
    const result = await markDossierReturned(db, args.code, today, now, sender.actor);
    if (!result.onTime) {
      return {
        text: `⚠️ Hồ sơ ${args.code} trả quá hạn (hẹn ${formatDate(result.dossier.dueDate)}): cần gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả.`,
      };
    }
    const apology = result.apologyCancelled ? '; không cần phiếu xin lỗi (đã huỷ việc nhắc).' : '.';
    return { text: `✅ Hồ sơ ${args.code} đã trả đúng hạn${apology}` };
  },
});
