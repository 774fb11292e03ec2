// Pure translation between zca-js shapes and the channel's: addresses, inbound messages, and how
// actions look on a transport without buttons.
import type { Address, InboundMessage, MessageAction } from '../channel.ts';
import { ZaloThread, type ZaloIncomingMessage, type ZaloThreadType } from './zalo-api.ts';

/** Zalo Web accepts longer texts, but long ones are cut or refused unpredictably. */
export const ZALO_TEXT_LIMIT = 2000;

export function zaloAddress(threadType: ZaloThreadType, threadId: string): Address {
  return `zalo:${threadType === ZaloThread.Group ? 'group' : 'user'}:${threadId}`;
}

export function parseZaloAddress(address: Address): { threadType: ZaloThreadType; threadId: string } | undefined {
  const match = /^zalo:(user|group):([^:\s]+)$/.exec(address);
  if (!match?.[2]) return undefined;
  return { threadType: match[1] === 'group' ? ZaloThread.Group : ZaloThread.User, threadId: match[2] };
}

/** The inbound message, or undefined for what the bot ignores (own messages, non-text). */
export function toInboundMessage(message: ZaloIncomingMessage, receivedAt: Date): InboundMessage | undefined {
  if (message.isSelf) return undefined;
  const content = message.data.content;
  if (typeof content !== 'string' || content.trim() === '') return undefined;
  const quoted = message.data.quote?.msg;
  return {
    channel: 'zalo',
    address: zaloAddress(message.type, message.threadId),
    senderId: message.data.uidFrom,
    ...(message.data.dName ? { senderName: message.data.dName } : {}),
    isGroup: message.type === ZaloThread.Group,
    text: content,
    ...(typeof quoted === 'string' && quoted !== '' ? { quotedText: quoted } : {}),
    receivedAt,
  };
}

/** Personal Zalo accounts cannot show buttons: actions become lines saying what to type. */
export function withActionHints(text: string, actions: MessageAction[] | undefined): string {
  if (!actions || actions.length === 0) return text;
  const hints = actions.map((action) => `👉 ${action.label}: gõ ${action.command}`);
  return `${text}\n\n${hints.join('\n')}`;
}
