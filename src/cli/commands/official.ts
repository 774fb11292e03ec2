import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { addOfficial, listOfficials } from '../../db/store/officials.ts';
import {
  changeOfficialRole,
  deactivateOfficial,
  moveOfficial,
  reactivateOfficial,
  unlinkOfficial,
  type LinkedIdentity,
  type OpenTaskSummary,
} from '../../db/store/official-changes.ts';
import { formatVietnamese, formatVietnamTime } from '../../domain/local-date.ts';
import type { ChannelKind, Role } from '../../domain/model.ts';
import { restoreUnlinkedIdentities, UNLINK_UNDO_HOURS } from '../../db/store/identity-restore.ts';
import { codeArgument, decimalInteger, nonEmptyText, roleArgument, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';
import { refuseIfRowsRefused } from '../import-refusals.ts';
import { registerOfficialInvite } from './official-invite.ts';
import { registerOfficialShow } from './official-show.ts';
import { invitationStatuses, type InvitationStatus } from '../../db/store/zalo-invitations.ts';
import { UNCERTAIN_LABEL } from '../../db/store/zalo-invitation-delivery.ts';

type ReasonOption = JsonOption & { reason?: string };

const UNLINKABLE: ChannelKind[] = ['telegram', 'zalo'];

function channelArgument(text: string): ChannelKind {
  if (!(UNLINKABLE as string[]).includes(text))
    throw new InvalidArgumentError(`kênh phải là ${UNLINKABLE.join(' | ')}.`);
  return text as ChannelKind;
}

function undoArgument(text: string): number {
  const id = decimalInteger(text);
  if (id === undefined || id <= 0) throw new InvalidArgumentError(`"${text}" không phải số của một lần gỡ liên kết.`);
  return id;
}

function identities(list: readonly LinkedIdentity[]): string {
  return list.map((identity) => `${identity.channel} ${identity.externalId}`).join(', ');
}

/** `Việc còn mở …`: one line per task, for the office to reassign. */
function openTaskLines(heading: string, tasks: readonly OpenTaskSummary[]): string[] {
  if (tasks.length === 0) return ['Không có việc nào đang mở.'];
  return [
    `${heading} (${tasks.length}):`,
    ...tasks.map((t) => `#${t.id}	hạn ${formatVietnamese(t.dueDate)}	${t.unitCode}	${t.title}`),
  ];
}

/** What happened to an official's Zalo invitation, for `official list --unlinked`. */
function invitationText(status: InvitationStatus | undefined): string {
  if (!status) return 'chưa mời';
  switch (status.state) {
    case 'pending':
      return `chờ gửi (từ ${formatVietnamTime(status.notBefore)})`;
    case 'sending':
      return 'đang gửi';
    case 'sent':
      return `đã mời qua Zalo lúc ${status.sentAt ? formatVietnamTime(status.sentAt) : '?'}`;
    case 'not_on_zalo':
      return 'số điện thoại không dùng Zalo';
    case 'failed':
      return `lỗi gửi lời mời: ${status.lastError ?? 'không rõ'}`;
    case 'cancelled':
      return 'đã huỷ lời mời';
    case 'uncertain':
      return `${UNCERTAIN_LABEL} (thử lúc ${status.attemptAt ? formatVietnamTime(status.attemptAt) : '?'})`;
  }
}

function focalLines(units: readonly string[]): string[] {
  return units.map(
    (code) => `${code} không còn cán bộ đầu mối: đặt người mới bằng unit focal ${code} <tên đăng nhập>.`,
  );
}

export function registerOfficialCommands(program: Command, context: () => CliContext): void {
  const official = program.command('official').description('cán bộ');
  registerOfficialInvite(official, context);
  registerOfficialShow(official, context);

  official
    .command('add')
    .description('thêm cán bộ')
    .argument('<username>', 'tên đăng nhập, ví dụ nguyenvana', usernameArgument)
    .argument('<fullName>', 'họ và tên', nonEmptyText)
    .requiredOption('--unit <code>', 'mã đơn vị', codeArgument)
    .option('--role <role>', 'member | head | admin', roleArgument, 'member')
    .option('--json', 'in JSON')
    .action(async (username: string, fullName: string, options: JsonOption & { unit: string; role: Role }) => {
      const created = await addOfficial(
        context().db,
        { username, fullName, unitCode: options.unit, role: options.role },
        context().actor,
      );
      emit(
        context(),
        options,
        created,
        () => `Đã thêm cán bộ ${created.username} — ${created.fullName} (${created.unitCode}, ${created.role})`,
      );
    });

  official
    .command('list')
    .description('liệt kê cán bộ')
    .option('--unit <code>', 'chỉ đơn vị này', codeArgument)
    .option('--unlinked', 'chỉ cán bộ chưa liên kết Telegram hoặc Zalo')
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { unit?: string; unlinked?: boolean }) => {
      const listed = await listOfficials(context().db, { unitCode: options.unit, unlinked: options.unlinked });
      const invitations = options.unlinked
        ? await invitationStatuses(
            context().db,
            listed.map((o) => o.id),
          )
        : new Map<number, InvitationStatus>();
      const officials = options.unlinked
        ? listed.map((o) => ({ ...o, zaloInvitation: invitations.get(o.id) ?? null }))
        : listed;
      emit(context(), options, officials, () => {
        if (officials.length === 0)
          return options.unlinked ? 'Mọi cán bộ đã liên kết tài khoản chat.' : 'Chưa có cán bộ nào.';
        const lines = listed.map(
          (o) =>
            `${o.username}\t${o.fullName}\t${o.unitCode}\t${o.role}${o.active ? '' : '\t(ngừng)'}` +
            (options.unlinked ? `\t${invitationText(invitations.get(o.id))}` : ''),
        );
        if (options.unlinked) {
          lines.push(
            `${officials.length} cán bộ chưa liên kết: in phiếu liên kết bằng link-sheet --out phieu.pdf, hoặc mời qua Zalo bằng official invite --all-unlinked --zalo.`,
          );
          // Never resent on its own (the person may have it): the office decides, one by one.
          for (const official of listed)
            if (invitations.get(official.id)?.state === 'uncertain')
              lines.push(
                `Lời mời Zalo của ${official.username} ${UNCERTAIN_LABEL} (bot dừng giữa lúc gửi): hỏi cán bộ, nếu chưa nhận thì gửi lại bằng official invite ${official.username} --zalo.`,
              );
        }
        return lines.join('\n');
      });
    });

  official
    .command('import')
    .description(
      'nhập danh sách cán bộ từ tệp CSV/XLSX (Họ và tên, Đơn vị, Chức vụ/Vai trò, Số điện thoại, Email, Tên đăng nhập)',
    )
    .argument('<file>', 'tệp .csv hoặc .xlsx')
    .option('--dry-run', 'chỉ in những gì sẽ làm, không ghi gì')
    .option('--skip-bad', 'vẫn nhập các dòng hợp lệ khi có dòng lỗi (mã thoát vẫn là 1)')
    .option('--json', 'in JSON')
    .action(async (file: string, options: JsonOption & { dryRun?: boolean; skipBad?: boolean }) => {
      // The spreadsheet readers load only for this verb.
      const { importOfficials } = await import('../../import/officials/official-import.ts');
      const { officialReportText } = await import('../../import/officials/official-report-text.ts');
      const report = await importOfficials(
        context().db,
        { file, dryRun: Boolean(options.dryRun), skipBad: Boolean(options.skipBad) },
        { actor: context().actor },
      );
      emit(context(), options, report, () => officialReportText(report));
      refuseIfRowsRefused(report);
    });

  official
    .command('deactivate')
    .description('ngừng hoạt động cán bộ (nghỉ việc, chuyển công tác): gỡ liên kết chat, thu hồi mã liên kết')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, options: ReasonOption) => {
      const { db, clock, actor } = context();
      const result = await deactivateOfficial(db, username, { now: clock.now(), reason: options.reason }, actor);
      emit(context(), options, result, () =>
        [
          `Đã ngừng hoạt động cán bộ ${result.official.username} — ${result.official.fullName} (${result.official.unitCode}).`,
          result.unlinked.length > 0
            ? `Đã gỡ liên kết ${result.unlinked.length} tài khoản chat: ${identities(result.unlinked)}.`
            : 'Không có tài khoản chat nào được liên kết.',
          `Đã thu hồi ${result.revokedLinkCodes} mã liên kết chưa dùng.`,
          ...focalLines(result.focalCleared),
          ...openTaskLines('Việc còn mở cần giao lại', result.openTasks),
        ].join('\n'),
      );
    });

  official
    .command('reactivate')
    .description('cho cán bộ hoạt động trở lại (cần mã liên kết mới để gắn tài khoản chat)')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, options: ReasonOption) => {
      const official = await reactivateOfficial(context().db, username, { reason: options.reason }, context().actor);
      emit(
        context(),
        options,
        official,
        () =>
          `Cán bộ ${official.username} — ${official.fullName} (${official.unitCode}) hoạt động trở lại. ` +
          `Tạo mã liên kết mới bằng link-code ${official.username}.`,
      );
    });

  official
    .command('move')
    .description('chuyển cán bộ sang đơn vị khác')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .requiredOption('--unit <code>', 'mã đơn vị mới', codeArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, options: ReasonOption & { unit: string }) => {
      const result = await moveOfficial(
        context().db,
        username,
        options.unit,
        { reason: options.reason, now: context().clock.now() },
        context().actor,
      );
      emit(context(), options, result, () =>
        [
          `Đã chuyển cán bộ ${result.official.username} — ${result.official.fullName} từ ${result.fromUnitCode} sang ${result.official.unitCode}.`,
          ...focalLines(result.focalCleared),
          ...openTaskLines('Việc còn mở, vẫn thuộc đơn vị cũ — giao lại nếu cần', result.openTasks),
        ].join('\n'),
      );
    });

  official
    .command('role')
    .description('đổi vai trò cán bộ: member | head | admin')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .argument('<role>', 'member | head | admin', roleArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, role: Role, options: ReasonOption) => {
      const official = await changeOfficialRole(
        context().db,
        username,
        role,
        { reason: options.reason, now: context().clock.now() },
        context().actor,
      );
      emit(
        context(),
        options,
        official,
        () => `Vai trò của ${official.username} — ${official.fullName}: ${official.role}.`,
      );
    });

  official
    .command('unlink')
    .description(
      'gỡ liên kết tài khoản chat của cán bộ (mất điện thoại): mọi kênh, hoặc một kênh; ' +
        `--undo <số> khôi phục lần gỡ nhầm (trong ${UNLINK_UNDO_HOURS} giờ)`,
    )
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--channel <channel>', 'chỉ kênh này: telegram | zalo', channelArgument)
    .option(
      '--undo <số>',
      'hoàn tác lần gỡ liên kết có số này (in ra khi gỡ): liên kết lại đúng tài khoản cũ',
      undoArgument,
    )
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, options: ReasonOption & { channel?: ChannelKind; undo?: number }) => {
      const { db, clock, actor } = context();
      if (options.undo !== undefined) {
        const restoration = await restoreUnlinkedIdentities(db, username, options.undo, { now: clock.now() }, actor);
        emit(
          context(),
          options,
          restoration,
          () =>
            `Đã khôi phục liên kết ${restoration.restored.length} tài khoản chat của ${username}: ${identities(restoration.restored)}. ` +
            'Cán bộ được báo qua chat.',
        );
        return;
      }
      const result = await unlinkOfficial(
        db,
        username,
        { channel: options.channel, reason: options.reason, now: clock.now() },
        actor,
      );
      emit(
        context(),
        options,
        result,
        () =>
          `Đã gỡ liên kết ${result.unlinked.length} tài khoản chat của ${result.official.username}: ${identities(result.unlinked)}. ` +
          `Cấp mã mới bằng link-code ${result.official.username} khi cần. ` +
          `Gỡ nhầm: official unlink ${result.official.username} --undo ${result.auditId} (trong ${UNLINK_UNDO_HOURS} giờ).`,
      );
    });
}
