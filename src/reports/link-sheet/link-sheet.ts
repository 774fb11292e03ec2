// A link sheet: one card per official not yet on board, with what each needs to link a chat —
// a QR code of the Telegram deep link, the text to send on Zalo, and when the code expires.
import type { SheetLinkCode } from '../../db/store/link-codes.ts';
import { formatVietnamTime } from '../../domain/local-date.ts';

export interface LinkCard extends SheetLinkCode {
  /** https://t.me/<bot>?start=<code>: Telegram opens the bot and sends /start <code>. */
  telegramLink: string;
  /** What to send the bot's Zalo account. */
  zaloText: string;
  expiresText: string;
}

export function linkCards(codes: readonly SheetLinkCode[], telegramBot: string): LinkCard[] {
  return codes.map((code) => ({
    ...code,
    telegramLink: `https://t.me/${telegramBot}?start=${code.code}`,
    zaloText: `lienket ${code.code}`,
    expiresText: formatVietnamTime(code.expiresAt),
  }));
}

/** The instructions printed on every card, shared by the PDF and the HTML sheet. */
export const CARD_STEPS = {
  telegram: 'Telegram: quét mã QR bằng camera điện thoại, mở Telegram rồi bấm «Bắt đầu» (Start).',
  zalo: 'Zalo: nhắn riêng cho tài khoản Zalo của bot đúng dòng:',
  once: 'Mã dùng một lần, chỉ cho người có tên trên phiếu. Liên kết xong, gõ /viec để xem việc.',
};
