// Maps what zca-js throws on send to the outbox's vocabulary. zca-js raises `ZaloApiError`
// (name "ZcaApiError") with Zalo's numeric `code` for refusals, or without a code and the message
// "Request failed with status code N" for HTTP failures; network failures surface as fetch's
// TypeError. Zalo's codes are undocumented; the ones below come from zca-js issue reports.
import { ChannelSendError } from '../channel.ts';

/** 122: the person refuses messages from strangers — the only truly bad recipient we know of. */
const PERMANENT_CODES = new Set([122]);
/**
 * The session is gone (zca-js issues #35, #211): 600 when it was replaced or expired, 102 when the
 * session key timed out. Logging in again with the saved credentials usually heals it.
 */
const SESSION_CODES = new Set([600, 102]);
/** While the session is being renewed (or cannot be): come back later, without using up an attempt. */
export const SESSION_RETRY_MS = 60_000;
/**
 * 123 ("Không thể nhận tin nhắn từ bạn"): reported both for duplicate messages sent in a burst
 * and for genuinely unreachable people; retried, the outbox's attempt limit settles it.
 */
const TRANSIENT_CODES = new Set([123]);
const RATE_LIMIT_RETRY_MS = 60_000;
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * 216: Zalo has no account for the phone number, or its owner hides it from search (zca-js's own
 * findUser treats 216 as "no result"). The one answer of a lookup that must not be retried.
 */
const UNKNOWN_PHONE_CODES = new Set([216]);

export function isUnknownPhone(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && UNKNOWN_PHONE_CODES.has(code);
}

/** True when the send failed because Zalo no longer accepts the session. */
export function isSessionExpired(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && SESSION_CODES.has(code);
}

/** A send that cannot go out until the session is back: pending, never failed. */
export function sessionDownError(reason: string): ChannelSendError {
  return new ChannelSendError(`zalo session unavailable: ${reason}`, 'rate-limited', SESSION_RETRY_MS);
}

export function toChannelSendError(error: unknown): ChannelSendError {
  if (error instanceof ChannelSendError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const description = `zalo send failed: ${message}`;
  const code = (error as { code?: unknown } | undefined)?.code;

  if (typeof code === 'number') {
    if (PERMANENT_CODES.has(code)) return new ChannelSendError(description, 'permanent');
    if (SESSION_CODES.has(code)) return sessionDownError(`${message} (code ${code})`);
    if (TRANSIENT_CODES.has(code)) return new ChannelSendError(description, 'transient');
    // Zalo's codes are undocumented: an unknown one is retried, and the outbox's attempt limit
    // settles it rather than dropping a reminder on the first surprise.
    return new ChannelSendError(`${description} (code ${code})`, 'transient');
  }

  const status = /status code (\d{3})/.exec(message)?.[1];
  if (status !== undefined) {
    const httpStatus = Number(status);
    if (httpStatus === 429) return new ChannelSendError(description, 'rate-limited', RATE_LIMIT_RETRY_MS);
    if (httpStatus >= 500 || httpStatus === 408) return new ChannelSendError(description, 'transient');
    return new ChannelSendError(description, 'permanent');
  }

  if (isNetworkFailure(error)) return new ChannelSendError(`zalo unreachable: ${message}`, 'transient');
  return new ChannelSendError(description, 'transient');
}

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  // undici: TypeError('fetch failed') with the socket error as `cause`.
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    (typeof code === 'string' && NETWORK_CODES.has(code))
  );
}
