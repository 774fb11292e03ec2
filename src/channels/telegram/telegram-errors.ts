// Turns what telegraf throws into the outbox's vocabulary: retry later, retry after a delay, or
// give up. Telegram's own error codes: https://core.telegram.org/api/errors
import { TelegramError } from 'telegraf';
import { ChannelSendError } from '../channel.ts';

const DEFAULT_RETRY_AFTER_MS = 1_000;
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function toChannelSendError(error: unknown): ChannelSendError {
  if (error instanceof ChannelSendError) return error;
  if (error instanceof TelegramError) return fromTelegramError(error);
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkFailure(error)) return new ChannelSendError(`telegram unreachable: ${message}`, 'transient');
  // Unknown failures are retried: the outbox gives up after its own attempt limit.
  return new ChannelSendError(`telegram send failed: ${message}`, 'transient');
}

function fromTelegramError(error: TelegramError): ChannelSendError {
  const description = `telegram ${error.code}: ${error.description}`;
  if (error.code === 429) {
    const seconds = error.parameters?.retry_after;
    const retryAfterMs = typeof seconds === 'number' ? seconds * 1_000 : DEFAULT_RETRY_AFTER_MS;
    return new ChannelSendError(description, 'rate-limited', retryAfterMs);
  }
  if (error.code >= 500) return new ChannelSendError(description, 'transient');
  // 403 (blocked, kicked), 400 (chat not found, bad button), 401 (token revoked): resending the
  // same request cannot succeed, a person has to act.
  return new ChannelSendError(description, 'permanent');
}

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // node-fetch (used by telegraf) wraps socket errors in FetchError; a timeout aborts.
  if (error.name === 'FetchError' || error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && NETWORK_ERROR_CODES.has(code);
}
