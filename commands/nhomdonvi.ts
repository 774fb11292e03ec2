// /nhomdonvi typed by a unit's head inside a Zalo group: that group becomes the unit's group, and
// the reminders of the unit's officials linked on Zalo go there as one message that mentions each
// of them (README: "Nhóm Zalo của đơn vị"). `/nhomdonvi huy` undoes it. Audited `unit.zalo-group`.
import { z } from 'zod';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { setUnitZaloGroup, unitOfZaloGroup } from '../src/db/store/unit-groups.ts';
import { UserError } from '../src/domain/errors.ts';
import { foldDiacritics } from '../src/domain/fold-text.ts';

const USAGE = '/nhomdonvi [huy]';

export const nhomdonvi = defineCommand({
  names: ['nhomdonvi', 'unitgroup'],
  description: 'Trưởng đơn vị: dùng nhóm Zalo này để nhắc việc cả đơn vị trong một tin (/nhomdonvi huy để gỡ)',
  usage: USAGE,
  audience: 'linked',
  roles: ['head'],
  hiddenOn: ['telegram', 'console'],
  args: z
    .array(z.string())
    .max(1, { error: `Cách dùng: ${USAGE}` })
    .refine((words) => words.length === 0 || foldDiacritics(words[0]!) === 'huy', { error: `Cách dùng: ${USAGE}` })
    .transform((words) => ({ clear: words.length === 1 })),
  async run({ clear }, { db, message, sender }) {
    assertLinked(sender);
    if (message.channel !== 'zalo' || !message.isGroup || !message.groupId)
      throw new UserError('Hãy gõ /nhomdonvi trong nhóm Zalo của đơn vị (bot phải là thành viên nhóm).', 'NOT_A_GROUP');
    const unitCode = sender.official.unitCode;
    if (clear) {
      const current = await unitOfZaloGroup(db, message.groupId);
      if (current?.unitCode !== unitCode)
        throw new UserError(
          `Nhóm này không phải nhóm Zalo của đơn vị ${unitCode}: không có gì để gỡ.`,
          'NOT_THIS_GROUP',
        );
      await setUnitZaloGroup(db, unitCode, null, sender.actor);
      return { text: `Đã gỡ nhóm này khỏi đơn vị ${unitCode}: nhắc việc lại gửi riêng từng người.` };
    }
    const change = await setUnitZaloGroup(db, unitCode, message.groupId, sender.actor);
    return {
      text:
        `✅ Nhóm này là nhóm Zalo của đơn vị ${unitCode}${change.before ? ` (thay nhóm trước)` : ''}. ` +
        'Mỗi buổi nhắc việc, cán bộ của đơn vị đã liên kết Zalo được nhắc tên trong một tin ở đây; ' +
        'trả lời tin đó "xong" để báo xong việc của mình. Gỡ: /nhomdonvi huy',
    };
  },
});
