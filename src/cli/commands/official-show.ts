// `official show <username>`: one official — unit, role, status, linked chat channels — and each
// unlink of the last UNLINK_UNDO_HOURS that can still be undone, with the exact `--undo` command
// (the same list as «Hoàn tác» on the web console's page for the official).
import type { Command } from 'commander';
import { listOfficialsWithChannels } from '../../db/store/console-people-queries.ts';
import { UNLINK_UNDO_HOURS } from '../../db/store/identity-restore.ts';
import { requireOfficial } from '../../db/store/officials.ts';
import { findUndoableUnlinks, type UndoableUnlink } from '../../db/store/undoable-unlinks.ts';
import { formatVietnamTime } from '../../domain/local-date.ts';
import { usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', console: 'console' };

/** An official acted through a door (web, telegram…); without one it was the CLI or the bot itself. */
function whoUnlinked(unlink: UndoableUnlink): string {
  if (unlink.by) return `${unlink.by.username} (${unlink.by.fullName})${unlink.via ? ` qua ${unlink.via}` : ''}`;
  return unlink.actorKind === 'cli' ? 'dòng lệnh (CLI)' : unlink.actorKind;
}

function unlinkLine(username: string, unlink: UndoableUnlink): string {
  const who = whoUnlinked(unlink);
  const what = unlink.restores.map((identity) => `${CHANNEL_NAMES[identity.channel]} ${identity.externalId}`);
  return (
    `  lần ${unlink.auditId}: ${formatVietnamTime(unlink.at)}, ${who}, ` +
    `gỡ ${what.join(', ')} — hoàn tác: official unlink ${username} --undo ${unlink.auditId}`
  );
}

export function registerOfficialShow(official: Command, context: () => CliContext): void {
  official
    .command('show')
    .description(`xem một cán bộ: đơn vị, vai trò, liên kết chat, lần gỡ liên kết còn hoàn tác được`)
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--json', 'in JSON')
    .action(async (username: string, options: JsonOption) => {
      const { db, clock } = context();
      const person = await requireOfficial(db, username);
      const [withChannels] = await listOfficialsWithChannels(db, { username });
      const channels: string[] = withChannels?.channels ?? [];
      const undoable = await findUndoableUnlinks(db, username, { now: clock.now() });
      emit(context(), options, { ...person, channels, undoableUnlinks: undoable }, () => {
        const linked = (channel: string) => (channels.includes(channel) ? 'đã liên kết' : 'chưa');
        const lines = [
          `${person.username} — ${person.fullName} (${person.unitCode}, ${person.role})` +
            (person.active ? '' : ' — ngừng hoạt động'),
          `Telegram: ${linked('telegram')}. Zalo: ${linked('zalo')}.`,
        ];
        if (undoable.length > 0)
          lines.push(
            `Gỡ liên kết còn hoàn tác được (trong ${UNLINK_UNDO_HOURS} giờ):`,
            ...undoable.map((unlink) => unlinkLine(username, unlink)),
          );
        return lines.join('\n');
      });
    });
}
