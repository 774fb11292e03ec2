// /giup: what the bot does and the commands this person may use. Also Telegram's /start, which
// carries a link code when opened from a deep link (t.me/<bot>?start=<mã>).
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/chat/command.ts';
import { isVisible } from '../src/chat/permissions.ts';
import { notLinked } from '../src/chat/replies.ts';
import { lienket } from './lienket.ts';

const INTRO =
  'Bot nhắc việc kiểm soát thủ tục hành chính (KSTTHC): nhắc bạn các việc có thời hạn trước và sau hạn, ' +
  'và cho bạn trả lời ngay trên điện thoại.';

export const giup = defineCommand({
  names: ['giup', 'help', 'start', 'trogiup'],
  description: 'Bot làm gì và các lệnh bạn dùng được',
  usage: '/giup',
  audience: 'everyone',
  args: z.array(z.string()).transform((words) => ({ deepLinkCode: words[0] })),
  async run(args, context) {
    if (args.deepLinkCode !== undefined) {
      const link = lienket.args.safeParse([args.deepLinkCode]);
      if (link.success) return lienket.run(link.data, context);
    }
    return { text: helpText(context) };
  },
});

function helpText(context: CommandContext): string {
  const { message, sender } = context;
  const visible = context.commands.filter(
    (command) => isVisible(command, message.channel, sender) && (sender || command.audience !== 'linked'),
  );
  const lines = visible.map((command) => `${command.usage} — ${command.description}`);
  const who = sender
    ? `Bạn đang dùng bot với tư cách ${sender.official.fullName} (${sender.official.unitCode}).`
    : notLinked(message.channel, message.isGroup);
  const later = context.commands
    .filter((command) => command.audience === 'linked')
    .map((command) => `/${command.names[0]}`);
  const after = message.channel === 'console' ? 'Sau khi đăng nhập' : 'Sau khi liên kết';
  const tail = sender ? [] : ['', `${after}, bạn dùng được: ${later.join(', ')}.`];
  return [INTRO, '', who, '', 'Các lệnh:', ...lines, ...tail].join('\n');
}
