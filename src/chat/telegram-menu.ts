// Telegram's command menu (setMyCommands) from the command list: canonical Vietnamese names,
// console-only commands left out.
import type { BotCommandEntry } from '../channels/telegram/telegram-channel.ts';
import type { AnyCommand } from './command.ts';

export function telegramMenu(commands: readonly AnyCommand[]): BotCommandEntry[] {
  return commands
    .filter(
      (command) =>
        command.audience !== 'console' &&
        !command.hiddenOn?.includes('telegram') &&
        /^[a-z0-9_]{1,32}$/.test(command.names[0]),
    )
    .map((command) => ({ command: command.names[0], description: command.description.slice(0, 256) }));
}
