// The router's fixed Vietnamese answers, in one place so tests and wording stay in step.
import type { ChannelKind } from '../channels/channel.ts';

export const CHATTER_HINT = 'Bot nhắc việc chỉ hiểu các lệnh, ví dụ /viec hoặc /xong 12. Gõ /giup để xem các lệnh.';

export function unknownCommand(name: string): string {
  const shown = name.length > 30 ? `${name.slice(0, 30)}…` : name;
  return `Bot không có lệnh "/${shown}". Gõ /giup để xem các lệnh bạn dùng được.`;
}

export function notLinked(channel: ChannelKind, isGroup: boolean): string {
  if (channel === 'console') return 'Bạn chưa đăng nhập. Gõ /dangnhap <tên đăng nhập>, ví dụ: /dangnhap lethib';
  const where = isGroup ? ' (nhắn riêng cho bot, không gửi mã trong nhóm)' : '';
  return (
    'Bạn chưa liên kết tài khoản với bot nhắc việc. ' +
    `Hãy xin Văn phòng Sở một mã liên kết rồi gửi cho bot${where}: /lienket <mã>`
  );
}

/** In the group, after a personal list went to the asker's private chat. */
export function sentPrivately(fullName: string, commandName: string): string {
  return `🔒 Đã gửi riêng cho anh/chị ${fullName} kết quả /${commandName}.`;
}

/** In the group, when the bot cannot write to the asker privately (never started a chat with it). */
export function askPrivately(fullName: string, commandName: string): string {
  return (
    `🔒 Kết quả /${commandName} là thông tin riêng của anh/chị ${fullName}, bot không gửi vào nhóm. ` +
    `Anh/chị hãy nhắn riêng cho bot rồi gõ lại /${commandName}.`
  );
}

export const INACTIVE =
  'Tài khoản cán bộ của bạn đang ngừng hoạt động nên không dùng được lệnh này. Hãy liên hệ Văn phòng Sở.';

export function roleRefusal(commandName: string): string {
  return `Lệnh /${commandName} chỉ dành cho lãnh đạo đơn vị hoặc Văn phòng Sở.`;
}

export function badArguments(problem: string, usage: string): string {
  return `${problem}\nCách dùng: ${usage}`;
}

export function apology(commandName: string): string {
  return (
    `Xin lỗi, bot đang gặp sự cố nên chưa thực hiện được lệnh /${commandName}. ` +
    'Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy báo Văn phòng Sở.'
  );
}

/** A group reply "xong" to a message that names none of the sender's tasks. */
export const NONE_OF_YOURS =
  'Tin được trả lời không có việc nào giao cho anh/chị. Để báo xong việc của mình, gõ /xong <số việc>.';
