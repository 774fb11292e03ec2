// Pure translation between Telegram's shapes and the channel's: addresses, inbound text,
// inline keyboards. No I/O here.
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { telegramAddresses, type Address } from '../address.ts';
import type { MessageAction } from '../channel.ts';

/** Telegram's cap on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's cap on a button's callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT_BYTES = 64;

export function telegramAddress(chatId: number | string): Address {
  return telegramAddresses.encode({ chatId: String(chatId) });
}

/** The chat id in a Telegram address, or undefined when it is not one. */
export function chatIdOf(address: Address): string | undefined {
  return telegramAddresses.decode(address)?.chatId;
}

export function isGroupChat(chatType: string): boolean {
  return chatType === 'group' || chatType === 'supergroup';
}

/**
 * The text to hand to the command layer, or undefined when the message is not for us. In groups
 * Telegram appends the bot's name to commands (`/xong@NhacViecBot 12`): we drop our own name and
 * ignore commands addressed to another bot.
 */
export function inboundText(text: string, botUsername: string | undefined): string | undefined {
  const match = /^(\/[A-Za-z0-9_]+)@([A-Za-z0-9_]+)(?=\s|$)/.exec(text);
  if (!match) return text;
  const [whole, command, addressee] = match;
  if (botUsername === undefined || addressee?.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return `${command}${text.slice(whole.length)}`;
}

export function senderName(from: { first_name: string; last_name?: string; username?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || '';
}

export interface Keyboard {
  markup?: InlineKeyboardMarkup;
  /**
   * Actions whose command does not fit in callback_data; they are shown as text instead so the
   * person can still type them.
   */
  typedOnly: MessageAction[];
}

/** One button per row: Vietnamese labels are long and phones are narrow. */
export function inlineKeyboard(actions: MessageAction[] | undefined): Keyboard {
  const buttons: MessageAction[] = [];
  const typedOnly: MessageAction[] = [];
  for (const action of actions ?? []) {
    const bytes = Buffer.byteLength(action.command, 'utf8');
    (bytes > 0 && bytes <= CALLBACK_DATA_LIMIT_BYTES ? buttons : typedOnly).push(action);
  }
  if (buttons.length === 0) return { typedOnly };
  return {
    markup: { inline_keyboard: buttons.map((action) => [{ text: action.label, callback_data: action.command }]) },
    typedOnly,
  };
}

export function typedActionHints(actions: MessageAction[]): string {
  return actions.map((action) => `• ${action.label}: gõ ${action.command}`).join('\n');
}
