import type { Command } from 'commander';
import { chainOf, deadlineFor, describeRule, describeSource, type Duty } from '../../domain/duties/catalogue.ts';
import { describeChain } from '../../domain/duties/reporting-chain.ts';
import { describeDataPeriod } from '../../domain/deadlines/data-period.ts';
import { reminderDates, reminderPolicyOf } from '../../domain/duties/reminder-policy.ts';
import { hasGrace, type Deadline } from '../../domain/deadlines/deadline.ts';
import {
  describeDeadlineReading,
  isRecurringRule,
  periodKindOf,
  ruleAppliesToPeriod,
} from '../../domain/deadlines/rules.ts';
import { parsePeriod } from '../../domain/deadlines/periods.ts';
import { UserError } from '../../domain/errors.ts';
import {
  formatVietnamese,
  isPersonYear,
  vietnamDateOf,
  yearRangeMessage,
  type LocalDate,
} from '../../domain/local-date.ts';
import { listDutyPresets } from '../../domain/duties/presets.ts';
import { generateRecurringTasks, NO_ASSIGNEE_REASON } from '../../services/duty-generation.ts';
import { dateArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

function requireDuty(context: CliContext, code: string): Duty {
  const duty = context.reference.catalogue.find(code);
  if (!duty) {
    const known = context.reference.catalogue.duties.map((d) => d.code).join(', ');
    throw new UserError(`Không có nhiệm vụ mã "${code}". Các mã: ${known}.`, 'DUTY_NOT_FOUND');
  }
  return duty;
}

export function registerDeadlineCommand(program: Command, context: () => CliContext): void {
  program
    .command('deadline')
    .description('hạn của một nhiệm vụ: theo kỳ (--period) hoặc tính từ một ngày (--from)')
    .argument('<duty-code>', 'mã nhiệm vụ, ví dụ bao-cao-thang')
    .option(
      '--period <period>',
      'kỳ: YYYY-MM (tháng), YYYY-Qn (quý), YYYY-Hn (6 tháng), YYYY-Www (tuần) hoặc YYYY (năm)',
    )
    .option('--from <date>', 'ngày sự kiện (tiếp nhận, quyết định, hẹn trả…)', dateArgument)
    .option('--unit <code>', 'báo cáo nhiều cấp: hạn của phòng này (bỏ trống = hạn Văn phòng Sở gửi cấp trên)')
    .option('--json', 'in JSON')
    .action((code: string, options: JsonOption & { period?: string; from?: LocalDate; unit?: string }) => {
      const duty = requireDuty(context(), code);
      const calendar = context().reference.calendar;
      let deadline: Deadline;
      if (isRecurringRule(duty.rule)) {
        const kind = periodKindOf(duty.rule);
        const example = { month: '2026-11', quarter: '2026-Q3', year: '2026', half: '2026-H2', week: '2026-W49' }[kind];
        if (!options.period)
          throw new UserError(
            `Nhiệm vụ "${code}" tính theo kỳ: thêm --period, ví dụ --period ${example}.`,
            'PERIOD_REQUIRED',
          );
        const period = parsePeriod(options.period, kind);
        if (!period)
          throw new UserError(`Kỳ "${options.period}" không hợp lệ cho "${code}" (ví dụ ${example}).`, 'BAD_PERIOD');
        if (!isPersonYear(period.year)) throw new UserError(yearRangeMessage(`Kỳ ${period.key}`), 'BAD_PERIOD');
        if (!ruleAppliesToPeriod(duty.rule, period)) {
          throw new UserError(
            `Nhiệm vụ "${code}" (${describeRule(duty.rule)}) không có hạn trong kỳ ${period.key}.`,
            'PERIOD_NOT_APPLICABLE',
          );
        }
        deadline = deadlineFor(duty, { period }, calendar, options.unit);
      } else {
        if (!options.from)
          throw new UserError(
            `Nhiệm vụ "${code}" tính từ một ngày: thêm --from <ngày>, ví dụ --from 05/03/2026.`,
            'FROM_REQUIRED',
          );
        deadline = deadlineFor(duty, { from: options.from }, calendar);
      }
      const reminders = reminderDates(reminderPolicyOf(duty), deadline, calendar);
      const reading = describeDeadlineReading(duty.rule);
      emit(
        context(),
        options,
        {
          duty: duty.code,
          title: duty.title,
          targetDate: deadline.targetDate,
          dueDate: deadline.dueDate,
          rule: describeRule(duty.rule),
          targetRule: reading.target,
          dueRule: reading.due,
          source: describeSource(duty.source),
          reminders,
        },
        () => (hasGrace(deadline) ? `${deadline.targetDate} (chậm nhất ${deadline.dueDate})` : deadline.dueDate),
      );
    });
}

export function registerDutiesCommands(program: Command, context: () => CliContext): void {
  const duties = program.command('duties').description('danh mục nhiệm vụ KSTTHC');

  duties
    .command('list')
    .description('liệt kê nhiệm vụ trong danh mục')
    .option('--json', 'in JSON')
    .action((options: JsonOption) => {
      const list = context().reference.catalogue.duties.map((duty) => ({
        code: duty.code,
        title: duty.title,
        rule: describeDutyDeadline(duty) + (duty.conditional ? ' (nếu có)' : ''),
        conditional: duty.conditional ?? false,
        appliesTo: duty.appliesTo,
        source: describeSource(duty.source),
      }));
      emit(context(), options, list, () =>
        list
          .map(
            (d) => `${d.code}\t${d.rule}\t${d.appliesTo === 'all' ? 'mọi đơn vị' : d.appliesTo.join(',')}\t${d.title}`,
          )
          .join('\n'),
      );
    });

  duties
    .command('presets')
    .description('các bộ danh mục mẫu theo kế hoạch (config/duties/*.yaml); chọn một bằng DUTIES_FILE')
    .option('--json', 'in JSON')
    .action((options: JsonOption) => {
      const presets = listDutyPresets(context().config.DUTIES_FILE);
      emit(context(), options, presets, () =>
        [
          ...presets.map((preset) =>
            [
              `${preset.inUse ? '* ' : '  '}${preset.file}${preset.isDefault ? ' (mặc định)' : ''}`,
              preset.error
                ? `    LỖI: ${preset.error}`
                : `    ${preset.name} — ${preset.province} — ${preset.plan}; ${preset.duties} nhiệm vụ (${preset.datedDuties} theo kỳ)`,
            ].join('\n'),
          ),
          'Dấu * là bộ đang dùng. Đổi bộ: đặt DUTIES_FILE=<tệp> trong .env rồi khởi động lại bot.',
        ].join('\n'),
      );
      if (presets.some((preset) => preset.error)) context().exitCode = 2;
    });

  duties
    .command('generate')
    .description('tạo việc cho các nhiệm vụ định kỳ: kỳ hiện tại và kỳ sau (hoặc đến --until)')
    .option('--until <date>', 'tạo đến kỳ chứa ngày này', dateArgument)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { until?: LocalDate }) => {
      const { db, clock, reference, actor } = context();
      const today = vietnamDateOf(clock.now());
      const result = await generateRecurringTasks(db, { ...reference, today, until: options.until }, actor);
      // Units without anyone to receive their duties are listed once each below, with the fix.
      const pastDue = result.skipped.filter((s) => s.reason !== NO_ASSIGNEE_REASON);
      emit(context(), options, result, () =>
        [
          `Đã tạo ${result.created.length} việc.`,
          ...result.created.map(
            (c) => `  #${c.taskId}\t${c.dutyCode}\t${c.unitCode}\t${c.periodKey}\thạn ${formatVietnamese(c.dueDate)}`,
          ),
          ...(pastDue.length ? [`Bỏ qua ${pastDue.length}:`] : []),
          ...pastDue.map((s) => `  ${s.dutyCode}\t${s.unitCode}\t${s.periodKey}\t${s.reason}`),
          ...(result.unitsWithoutAssignee.length
            ? [
                `Chưa tạo việc cho ${result.unitsWithoutAssignee.length} đơn vị chưa có người nhận (cán bộ đầu mối, trưởng đơn vị hay quản trị viên); sửa bằng:`,
              ]
            : []),
          ...result.unitsWithoutAssignee.map((u) => `  ${u.unitCode} (${u.tasks} việc): ${u.fix}`),
          ...result.conditionalDuties.map(
            (code) =>
              `Nhiệm vụ "(nếu có)" ${code} không tự tạo; khi có việc: task add --duty ${code} --period <kỳ> --assignee <tên đăng nhập>`,
          ),
        ].join('\n'),
      );
    });
}

/** The rule, or the chain's two days, and a declared data period: "…; số liệu từ ngày 21 …". */
function describeDutyDeadline(duty: Duty): string {
  const chain = chainOf(duty);
  const deadline = chain ? describeChain(chain) : describeRule(duty.rule);
  return duty.dataPeriod ? `${deadline}; ${describeDataPeriod(duty.dataPeriod)}` : deadline;
}
