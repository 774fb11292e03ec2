// Pure translation between zca-js shapes and the channel's: addresses, inbound messages, and how
// actions look on a transport without buttons.
import { zaloAddresses, type Address } from '../address.ts';
import { imageFallbackText, type InboundMessage, type OutgoingMessage } from '../channel.ts';
import { ZaloThread, type ZaloIncomingMessage, type ZaloMention, type ZaloThreadType } from './zalo-api.ts';

/** Zalo Web accepts longer texts, but long ones are cut or refused unpredictably. */
export const ZALO_TEXT_LIMIT = 2000;

export function zaloAddress(threadType: ZaloThreadType, threadId: string): Address {
  return zaloAddresses.encode({ thread: threadType === ZaloThread.Group ? 'group' : 'user', threadId });
}

/** The zca-js thread an address names, or undefined when it is not a Zalo address. */
export function zaloThreadOf(address: Address): { threadType: ZaloThreadType; threadId: string } | undefined {
  const parts = zaloAddresses.decode(address);
  if (!parts) return undefined;
  return { threadType: parts.thread === 'group' ? ZaloThread.Group : ZaloThread.User, threadId: parts.threadId };
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
    ...(message.type === ZaloThread.Group ? { groupId: message.threadId } : {}),
    text: content,
    ...(typeof quoted === 'string' && quoted !== '' ? { quotedText: quoted } : {}),
    receivedAt,
  };
}

/**
 * The text Zalo gets for a message. Personal Zalo accounts cannot show buttons: actions become
 * lines saying what to type; images are not sent (the caption says where to get them).
 */
export function zaloText({ text, actions, image }: OutgoingMessage): string {
  const parts = [text];
  if (actions && actions.length > 0)
    parts.push(actions.map((action) => `👉 ${action.label}: gõ ${action.command}`).join('\n'));
  if (image) parts.push(imageFallbackText(image));
  return parts.join('\n\n');
}

/** zca-js mentions of a message; Zalo shows mentions in groups only (zca-js drops them elsewhere). */
export function zaloMentionsOf(message: OutgoingMessage, threadType: ZaloThreadType): ZaloMention[] {
  if (threadType !== ZaloThread.Group || !message.mentions) return [];
  return message.mentions.map((mention) => ({ pos: mention.offset, uid: mention.userId, len: mention.length }));
}
