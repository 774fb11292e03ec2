// The layer rules of ARCHITECTURE.md live in eslint.config.js. These cases lint small files as if
// they sat at the given paths, so deleting or loosening a rule fails here, not in a code review.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rules', () => {
  it.each([
    ['src/domain/x.ts', "import { findTask } from '../db/store/tasks.ts';\nexport const f = findTask;", 'src/domain'],
    ['src/domain/x.ts', "import { Telegraf } from 'telegraf';\nexport const t = Telegraf;", 'src/domain'],
    ['src/chat/x.ts', "import { PrismaClient } from '@prisma/client';\nexport const p = PrismaClient;", 'Only src/db'],
    [
      'src/reports/x.ts',
      "import type { DbClient } from '../db/database.ts';\nexport type T = DbClient;",
      'Prisma client',
    ],
    [
      'src/services/x.ts',
      "import { prismaOf } from '../db/store/store.ts';\nexport const p = prismaOf;",
      'inside a Store',
    ],
    [
      'commands/x.ts',
      "import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';\nexport const c = TelegramChannel;",
      'never imports a channel',
    ],
    [
      'src/channels/zalo/x.ts',
      "import { findTask } from '../../db/store/tasks.ts';\nexport const f = findTask;",
      'no store',
    ],
    ['src/chat/x.ts', "import { startApp } from '../app/app.ts';\nexport const s = startApp;", 'src/app wires'],
  ])('refuses in %s: %s', async (filePath, code, expected) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['src/domain/x.ts', "import { addDays } from './local-date.ts';\nexport const a = addDays;"],
    ['src/db/store/x.ts', "import { prismaOf } from './store.ts';\nexport const p = prismaOf;"],
    ['commands/x.ts', "import { findTask } from '../src/db/store/tasks.ts';\nexport const f = findTask;"],
    [
      'src/app/x.ts',
      "import { TelegramChannel } from '../channels/telegram/telegram-channel.ts';\nexport const c = TelegramChannel;",
    ],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
