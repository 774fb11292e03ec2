// The bot's Telegram name for t.me links on link sheets: TELEGRAM_BOT_USERNAME when set, else
// asked from Telegram with the token. Shared by `link-sheet` (CLI) and the web console.
import { UserError } from '../../domain/errors.ts';

const HOW_TO_NAME_THE_BOT =
  'Đặt TELEGRAM_BOT_USERNAME=<tên bot, không có @> trong .env (tên BotFather đã cấp, ví dụ NhacViecSTPBot), ' +
  'hoặc TELEGRAM_BOT_TOKEN để hỏi Telegram.';

export async function telegramBotName(settings: {
  TELEGRAM_BOT_USERNAME?: string | undefined;
  TELEGRAM_BOT_TOKEN?: string | undefined;
  TELEGRAM_API_ROOT: string;
}): Promise<string> {
  if (settings.TELEGRAM_BOT_USERNAME) return settings.TELEGRAM_BOT_USERNAME;
  if (!settings.TELEGRAM_BOT_TOKEN)
    throw new UserError(`Chưa biết tên bot Telegram để in mã QR. ${HOW_TO_NAME_THE_BOT}`, 'BOT_NAME');
  // telegraf loads only when the name must be asked.
  const { fetchTelegramBotUsername } = await import('./telegram-bot-username.ts');
  try {
    return await fetchTelegramBotUsername(settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_ROOT);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Không hỏi được Telegram tên bot (${reason}). ${HOW_TO_NAME_THE_BOT}`, 'BOT_NAME');
  }
}
