// /pakn <mã> <ngày tiếp nhận> <nội dung>: register a citizen petition received by the sender;
// the answer is due 10 working days after receipt (the catalogue's `pakn` rule).
import { z } from 'zod';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { RECORD_CODE } from '../src/chat/arguments.ts';
import { formatDate, UNRECONCILED_NOTE } from '../src/chat/format.ts';
import { UserError } from '../src/domain/errors.ts';
import { dateRangeMessage, parseLocalDate } from '../src/domain/local-date.ts';
import { registerPetition } from '../src/services/event-duties.ts';

export const pakn = defineCommand({
  names: ['pakn', 'petition', 'phananh'],
  description: 'Ghi nhận phản ánh, kiến nghị: bot nhắc trả lời trong 10 ngày làm việc',
  usage: '/pakn <mã> <ngày tiếp nhận dd/MM/yyyy> <nội dung>',
  audience: 'linked',
  args: z
    .array(z.string())
    .min(2, {
      error: 'Hãy ghi mã PAKN và ngày tiếp nhận, ví dụ: /pakn PAKN-0042 10/02/2026 Chậm cấp phiếu lý lịch tư pháp',
    })
    .transform((words, ctx) => {
      const [code, date, ...summary] = words as [string, string, ...string[]];
      if (!RECORD_CODE.test(code)) {
        ctx.addIssue({
          code: 'custom',
          message: `Mã PAKN "${code.slice(0, 40)}" chỉ gồm chữ không dấu, số và - _ . /`,
        });
        return z.NEVER;
      }
      const receivedOn = parseLocalDate(date);
      if (!receivedOn) {
        ctx.addIssue({
          code: 'custom',
          message: dateRangeMessage(date) ?? `Ngày tiếp nhận "${date.slice(0, 20)}" không hợp lệ (dd/MM/yyyy).`,
        });
        return z.NEVER;
      }
      const text = summary.join(' ').trim();
      return { code, receivedOn, summary: text ? text.slice(0, 300) : undefined };
    }),
  async run({ code, receivedOn, summary }, { db, today, sender, reference }) {
    assertLinked(sender);
    if (receivedOn > today)
      throw new UserError(`Ngày tiếp nhận ${formatDate(receivedOn)} ở tương lai.`, 'DATE_IN_FUTURE');
    const task = await registerPetition(
      db,
      { code, receivedOn, assigneeUsername: sender.official.username, ...(summary ? { summary } : {}) },
      reference,
      sender.actor,
    );
    return {
      text:
        `📨 Đã ghi nhận PAKN ${code} (tiếp nhận ${formatDate(receivedOn)}): việc #${task.id}, hạn trả lời ${formatDate(task.dueDate)}.\n` +
        `Lưu ý: ${UNRECONCILED_NOTE}.`,
    };
  },
});
