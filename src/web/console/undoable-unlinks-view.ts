// On an official's page, for the office admin: each unlink of the last UNLINK_UNDO_HOURS that can
// still be undone — when, by whom, through which door, which accounts — each with its own «Hoàn
// tác» form, so a mistake can be undone after navigating away, not only on the page that follows it.
import { html } from 'hono/html';
import { formatVietnamTime } from '../../domain/local-date.ts';
import { UNLINK_UNDO_HOURS, type UndoableUnlink } from '../../services/web-console-people.ts';
import type { Html } from './layout.ts';

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', console: 'console' };
const DOORS: Record<string, string> = { web: 'trang quản trị', cli: 'dòng lệnh (CLI)' };

function byWhom(unlink: UndoableUnlink): string {
  if (unlink.by) return `${unlink.by.fullName} (${unlink.by.username})`;
  return unlink.actorKind === 'cli' ? 'Văn phòng Sở (dòng lệnh)' : unlink.actorKind;
}

export function undoableUnlinksView(username: string, unlinks: readonly UndoableUnlink[], csrf: Html): Html | string {
  if (unlinks.length === 0) return '';
  return html`<div class="box">
    <p>
      Gỡ nhầm? Các lần gỡ liên kết còn hoàn tác được (trong ${UNLINK_UNDO_HOURS} giờ): khôi phục đúng tài khoản đã gỡ.
    </p>
    ${unlinks.map(
      (unlink) =>
        html`<form method="post" action="/can-bo/${username}/hoan-tac-go-lien-ket" class="inline">
          ${csrf}<input type="hidden" name="lan" value="${unlink.auditId}" />
          <span
            >Lần ${unlink.auditId}: ${formatVietnamTime(unlink.at)}, ${byWhom(unlink)} gỡ
            ${unlink.restores.map((identity) => CHANNEL_NAMES[identity.channel] ?? identity.channel).join(', ')}
            ${unlink.via ? html`<span class="muted">(qua ${DOORS[unlink.via] ?? unlink.via})</span>` : ''}</span
          >
          <button>Hoàn tác</button>
        </form>`,
    )}
  </div>`;
}
