// The web console's Cán bộ page, bound to one store: the list with link status per channel, and
// the corrections the CLI's `official` verbs make — through the same store functions, so the same
// refusals (last admin, inactive unit…), audit rows and chat notices. Admin changes everything; a
// head sees their unit tree and changes nothing — the chat and the CLI give heads no power over
// people or units (README: "Why a head's … pages are read-only"); a member is refused. Changes are
// audited with channel `web`.
import {
  listOfficialsWithChannels,
  listUsernames,
  type OfficialWithChannels,
} from '../db/store/console-people-queries.ts';
import {
  changeOfficialRole,
  deactivateOfficial,
  moveOfficial,
  reactivateOfficial,
  unlinkOfficial,
  type Deactivation,
  type Move,
  type Unlinking,
} from '../db/store/official-changes.ts';
import { restoreUnlinkedIdentities, type Restoration } from '../db/store/identity-restore.ts';
import { addOfficial, requireOfficial } from '../db/store/officials.ts';
import { findUndoableUnlinks, type UndoableUnlink } from '../db/store/undoable-unlinks.ts';
import type { Store } from '../db/store/store.ts';
import { unitSubtreeIds } from '../db/store/unit-tree.ts';
import { findUnitByCode } from '../db/store/units.ts';
import type { Clock } from '../domain/clock.ts';
import { InputFileError, UserError } from '../domain/errors.ts';
import { usernameProblem } from '../domain/identifiers.ts';
import type { ChannelKind, Official, Role } from '../domain/model.ts';
import { uniqueUsername, usernameBase } from '../domain/official-identity.ts';
import type { OfficialImportReport } from '../import/officials/official-import.ts';
import { printLinkSheet, type LinkSheetFormat } from './link-sheet.ts';
import { createPendingUploads, unreadableUpload } from './pending-uploads.ts';
import { webActor } from './web-console.ts';

export { UNLINK_UNDO_HOURS } from '../db/store/identity-restore.ts';
export type { UndoableUnlink } from '../db/store/undoable-unlinks.ts';

export type LinkFilter = 'linked' | 'unlinked';

export interface PeopleFilter {
  unitCode?: string;
  role?: Role;
  link?: LinkFilter;
}

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

interface UploadedList {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportPreview {
  /** What the confirm form sends back; the file waits on the server until then (or expiry). */
  uploadId: string;
  report: OfficialImportReport;
}

export type ImportConfirmation =
  { ok: true; report: OfficialImportReport } | { ok: false; preview: ImportPreview; reason: string };

/**
 * What a real run would write — who is added (username, name, unit, role), what is updated, and
 * the refused rows that decide whether anything is — compared on confirm, so it writes exactly
 * what was shown.
 */
function promiseOf(report: OfficialImportReport): string {
  return JSON.stringify([
    report.created.map((c) => [c.username, c.fullName, c.unitCode, c.role]),
    report.updated.map((u) => [u.username, u.change]),
    report.refused.map((r) => [r.row, r.reason]),
  ]);
}

export interface LinkSheetFile {
  fileName: string;
  contentType: string;
  content: string | Buffer;
  cards: number;
}

export interface WebConsolePeople {
  /** Whether `official` may change people and units (else the pages are read-only). */
  mayChange(official: Official): boolean;
  people(official: Official, filter: PeopleFilter): Promise<OfficialWithChannels[]>;
  add(
    official: Official,
    input: { username?: string; fullName: string; unitCode: string; role: Role },
  ): Promise<Official>;
  deactivate(official: Official, username: string, reason?: string): Promise<Deactivation>;
  reactivate(official: Official, username: string, reason?: string): Promise<Official>;
  move(official: Official, username: string, unitCode: string, reason?: string): Promise<Move>;
  changeRole(official: Official, username: string, role: Role, reason?: string): Promise<Official>;
  /** `official unlink`: every chat account, or one channel's. */
  unlink(official: Official, username: string, channel?: ChannelKind, reason?: string): Promise<Unlinking>;
  /** Undoes the unlink recorded as audit row `auditId`. */
  restoreLink(official: Official, username: string, auditId: number): Promise<Restoration>;
  /** The unlinks of `username` that restoreLink would still undo, newest first (the admin's). */
  undoableUnlinks(official: Official, username: string): Promise<UndoableUnlink[]>;
  previewImport(official: Official, upload: Upload): Promise<ImportPreview>;
  /** Writes what the preview showed, or refuses with the new preview when the data moved on. */
  confirmImport(official: Official, uploadId: string, skipBad: boolean): Promise<ImportConfirmation>;
  linkSheet(
    official: Official,
    request: { format: LinkSheetFormat; unitCode?: string; usernames?: string[] },
  ): Promise<LinkSheetFile>;
}

export function requireConsoleViewer(official: Official): void {
  if (official.role === 'member')
    throw new UserError('Trang này dành cho lãnh đạo đơn vị và Văn phòng Sở.', 'ROLE_FORBIDDEN');
}

export function requireConsoleAdmin(official: Official): void {
  if (official.role !== 'admin')
    throw new UserError(
      'Chỉ Văn phòng Sở (admin) mới thay đổi được cán bộ và đơn vị; lãnh đạo đơn vị chỉ xem.',
      'ROLE_FORBIDDEN',
    );
}

export function createWebConsolePeople({
  store,
  clock,
  uploadMaxBytes,
  linkSheetDays,
  telegramBot,
}: {
  store: Store;
  clock: Clock;
  uploadMaxBytes: number;
  linkSheetDays: number;
  /** The bot's Telegram name for the sheet's QR codes (may ask Telegram). */
  telegramBot: () => Promise<string>;
}): WebConsolePeople {
  const uploads = createPendingUploads({ store, clock, maxBytes: uploadMaxBytes });
  const reason = (text?: string) => ({ ...(text ? { reason: text } : {}) });

  async function runImport(official: Official, file: UploadedList, dryRun: boolean, skipBad: boolean) {
    // The spreadsheet readers load only when a list is imported.
    const { importOfficials } = await import('../import/officials/official-import.ts');
    try {
      return await importOfficials(
        store,
        { file: file.fileName, content: file.bytes, dryRun, skipBad },
        { actor: webActor(official) },
      );
    } catch (error) {
      if (error instanceof InputFileError) throw unreadableUpload(error);
      throw error;
    }
  }

  return {
    mayChange: (official) => official.role === 'admin',

    async people(official, filter) {
      requireConsoleViewer(official);
      const scope = official.role === 'admin' ? undefined : await unitSubtreeIds(store, official.unitCode);
      const rows = await listOfficialsWithChannels(store, {
        ...(scope ? { unitIds: scope } : {}),
        ...(filter.role ? { role: filter.role } : {}),
      });
      if (filter.unitCode && scope) {
        // A unit outside the tree is refused, not answered with an empty list.
        const unit = await findUnitByCode(store, filter.unitCode);
        if (!unit || !scope.includes(unit.id))
          throw new UserError(`Đơn vị "${filter.unitCode}" không thuộc phạm vi của bạn.`, 'UNIT_FORBIDDEN');
      }
      return rows.filter((row) => {
        if (filter.unitCode && row.unitCode !== filter.unitCode) return false;
        const linked = row.channels.some((channel) => channel !== 'console');
        if (filter.link === 'linked') return linked;
        if (filter.link === 'unlinked') return row.active && !linked;
        return true;
      });
    },

    async add(official, input) {
      requireConsoleAdmin(official);
      let username = input.username?.trim().toLowerCase();
      if (username) {
        const problem = usernameProblem(username);
        if (problem) throw new UserError(`Không thêm được: ${problem}`, 'BAD_USERNAME');
      } else {
        const base = usernameBase(input.fullName) || 'canbo';
        username = uniqueUsername(base.length >= 2 ? base : `${base}0`, new Set(await listUsernames(store)));
      }
      return addOfficial(
        store,
        { username, fullName: input.fullName, unitCode: input.unitCode, role: input.role },
        webActor(official),
      );
    },

    async deactivate(official, username, why) {
      requireConsoleAdmin(official);
      return deactivateOfficial(store, username, { now: clock.now(), ...reason(why) }, webActor(official));
    },

    async reactivate(official, username, why) {
      requireConsoleAdmin(official);
      return reactivateOfficial(store, username, reason(why), webActor(official));
    },

    async move(official, username, unitCode, why) {
      requireConsoleAdmin(official);
      return moveOfficial(store, username, unitCode, { now: clock.now(), ...reason(why) }, webActor(official));
    },

    async changeRole(official, username, role, why) {
      requireConsoleAdmin(official);
      await requireOfficial(store, username);
      return changeOfficialRole(store, username, role, { now: clock.now(), ...reason(why) }, webActor(official));
    },

    async unlink(official, username, channel, why) {
      requireConsoleAdmin(official);
      return unlinkOfficial(
        store,
        username,
        { now: clock.now(), ...(channel ? { channel } : {}), ...reason(why) },
        webActor(official),
      );
    },

    async restoreLink(official, username, auditId) {
      requireConsoleAdmin(official);
      return restoreUnlinkedIdentities(store, username, auditId, { now: clock.now() }, webActor(official));
    },

    async undoableUnlinks(official, username) {
      requireConsoleAdmin(official);
      return findUndoableUnlinks(store, username, { now: clock.now() });
    },

    async previewImport(official, upload) {
      requireConsoleAdmin(official);
      const file = {
        fileName: uploads.check('officials', { name: upload.fileName, bytes: upload.bytes }),
        bytes: upload.bytes,
      };
      const report = await runImport(official, file, true, false);
      const { token } = await uploads.keep(official, 'officials', file, promiseOf(report));
      return { uploadId: token, report };
    },

    async confirmImport(official, uploadId, skipBad) {
      requireConsoleAdmin(official);
      const file = await uploads.find(official, ['officials'], uploadId);
      const again = await runImport(official, file, true, false);
      const changed = await uploads.changedSincePreview(official, file, promiseOf(again));
      if (changed) return { ok: false, preview: { uploadId, report: again }, reason: changed };
      // A list with bad rows writes nothing unless they are skipped: the upload stays for that.
      const report = await uploads.spend(
        official,
        uploadId,
        () => runImport(official, file, false, skipBad),
        (result) => result.written,
      );
      return { ok: true, report };
    },

    async linkSheet(official, request) {
      requireConsoleAdmin(official);
      return printLinkSheet(
        store,
        { ...request, telegramBot, now: clock.now(), validDays: linkSheetDays },
        webActor(official),
        async ({ content, cards }) => ({
          fileName: `phieu-lien-ket${request.unitCode ? `-${request.unitCode}` : ''}.${request.format}`,
          contentType: request.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
          content,
          cards: cards.length,
        }),
      );
    },
  };
}
