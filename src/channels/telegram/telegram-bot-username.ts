// The bot's own Telegram username (for t.me deep links), asked from the Bot API with its token.
import { Telegram } from 'telegraf';

export async function fetchTelegramBotUsername(token: string, apiRoot: string): Promise<string> {
  const me = await new Telegram(token, { apiRoot }).getMe();
  return me.username;
}
