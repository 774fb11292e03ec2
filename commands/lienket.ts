// /lienket <mã>: binds this chat account to the official the office issued the code for. Codes
// are single use, expire after 24 h and are stored hashed; a chat gets 5 wrong tries per 15 minutes.
import { subMinutes } from 'date-fns';
import { z } from 'zod';
import { defineCommand } from '../src/chat/command.ts';
import { redeemLinkCode, type LinkFailure } from '../src/db/store/identities.ts';
import { countFailedLinkAttempts, recordLinkAttempt } from '../src/db/store/link-attempts.ts';
import { UserError } from '../src/domain/errors.ts';

export const MAX_FAILED_LINK_ATTEMPTS = 5;
export const LINK_ATTEMPT_WINDOW_MINUTES = 15;

const FAILURES: Record<LinkFailure, string> = {
  unknown: 'Mã liên kết không đúng. Hãy kiểm tra lại mã Văn phòng Sở gửi (chữ in hoa và số, không có 0, O, 1, I, L).',
  used: 'Mã liên kết này đã được dùng. Mỗi mã chỉ dùng một lần; hãy xin Văn phòng Sở mã mới.',
  expired:
    'Mã liên kết đã hết hạn (mã gửi riêng dùng được 24 giờ, mã in trên phiếu đến hạn in trên phiếu). Hãy xin Văn phòng Sở mã mới.',
  revoked: 'Mã liên kết này đã bị Văn phòng Sở thu hồi, không dùng được nữa. Hãy liên hệ Văn phòng Sở.',
};

export const lienket = defineCommand({
  names: ['lienket', 'link'],
  description: 'Liên kết tài khoản chat này với cán bộ của mã do Văn phòng Sở cấp',
  usage: '/lienket <mã>',
  audience: 'everyone',
  hiddenOn: ['console'],
  args: z
    .array(z.string())
    .length(1, { error: 'Hãy gửi đúng một mã liên kết, ví dụ: /lienket ABCD2345EF' })
    .transform(([code]) => code!.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{8,64}$/, { error: 'Mã liên kết gồm ít nhất 8 chữ cái và chữ số.' }))
    .transform((code) => ({ code })),
  async run({ code }, { db, now, message }) {
    if (message.channel === 'console')
      throw new UserError('Trên máy chủ không cần liên kết: dùng /dangnhap <tên đăng nhập>.', 'CONSOLE');
    // A code typed in a group is seen by everyone there: refuse it and keep it unspent.
    if (message.isGroup)
      throw new UserError('Hãy nhắn riêng cho bot để liên kết, không gửi mã liên kết trong nhóm.', 'LINK_IN_GROUP');
    const chat = { channel: message.channel, chatId: message.address };
    const since = subMinutes(now, LINK_ATTEMPT_WINDOW_MINUTES);
    if ((await countFailedLinkAttempts(db, chat.channel, chat.chatId, since)) >= MAX_FAILED_LINK_ATTEMPTS) {
      throw new UserError(
        `Bạn đã nhập sai mã ${MAX_FAILED_LINK_ATTEMPTS} lần. Vui lòng đợi ${LINK_ATTEMPT_WINDOW_MINUTES} phút rồi thử lại.`,
        'LINK_RATE_LIMITED',
      );
    }
    const result = await redeemLinkCode(db, {
      channel: message.channel,
      externalId: message.senderId,
      chatId: message.address,
      code,
      now,
    });
    await recordLinkAttempt(db, { ...chat, succeeded: result.linked, at: now });
    if (!result.linked) throw new UserError(FAILURES[result.reason], 'LINK_FAILED');
    const { official } = result;
    return {
      text:
        `✅ Đã liên kết: từ nay bot nhắc việc cho ${official.fullName} (${official.unitCode}) qua tài khoản này.\n` +
        'Gõ /viec để xem các việc của bạn, /giup để xem các lệnh.',
    };
  },
});
