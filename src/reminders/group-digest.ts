// A unit's reminders as one group message: each official named with a mention (`@Họ Tên`, so
// their phone tells them) and their tasks under it. Mentions count UTF-16 code units, as
// JavaScript strings and zca-js do: "🔔" before a name counts 2, "ễ" 1 (NFC) or 2 (NFD).
// The text shrinks to fit one message — titles, then ids with their standing, then ids only — and
// is cut into several messages (whole officials each) only when even ids do not fit.
import type { MessageMention } from '../channels/channel.ts';
import { deadlineText, shortTitle, standingText } from '../chat/format.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { standingOf } from '../domain/deadlines/standing.ts';
import { formatVietnamese, type LocalDate } from '../domain/local-date.ts';
import { byUrgency, type DigestTask } from './digest.ts';

export interface GroupMember {
  officialId: number;
  name: string;
  /** Their id on the channel, for the mention. */
  userId: string;
  tasks: DigestTask[];
}

export interface GroupDigestInput {
  today: LocalDate;
  calendar: WorkCalendar;
  unitName: string;
  members: GroupMember[];
  /** Longest text of one message. */
  maxChars: number;
}

export interface GroupDigestPart {
  text: string;
  mentions: MessageMention[];
  /** The officials this part names (their reminders are settled with it). */
  officialIds: number[];
}

type Style = 'titles' | 'standing' | 'ids';
const STYLES: readonly Style[] = ['titles', 'standing', 'ids'];
const GROUP_TITLE_LENGTH = 60;

export const GROUP_DIGEST_FOOTER =
  'Xong việc: trả lời tin này "xong" (chỉ đóng việc của chính anh/chị) hoặc gõ /xong <số việc>. Xem đủ: /viec';

export function composeGroupDigest(input: GroupDigestInput): GroupDigestPart[] {
  const members = input.members
    .filter((member) => member.tasks.length > 0)
    .map((member) => ({ ...member, tasks: [...member.tasks].sort(byUrgency) }));
  if (members.length === 0) return [];
  for (const style of STYLES) {
    const whole = render(input, members, style, undefined);
    if (whole.text.length <= input.maxChars) return [whole];
  }
  return split(input, members);
}

/** Officials in order, as many per message as fit; an official alone too long still gets a message. */
function split(input: GroupDigestInput, members: GroupMember[]): GroupDigestPart[] {
  const batches: GroupMember[][] = [];
  let current: GroupMember[] = [];
  for (const member of members) {
    const trial = [...current, member];
    if (current.length > 0 && render(input, trial, 'ids', { index: 0, total: 9 }).text.length > input.maxChars) {
      batches.push(current);
      current = [member];
    } else current = trial;
  }
  batches.push(current);
  return batches.map((batch, index) => render(input, batch, 'ids', { index, total: batches.length }));
}

function render(
  input: GroupDigestInput,
  members: GroupMember[],
  style: Style,
  part: { index: number; total: number } | undefined,
): GroupDigestPart {
  const taskCount = members.reduce((sum, member) => sum + member.tasks.length, 0);
  const partLabel = part && part.total > 1 ? ` (phần ${part.index + 1}/${part.total})` : '';
  let text =
    `🔔 Nhắc việc ngày ${formatVietnamese(input.today)} — ${input.unitName}${partLabel}: ` +
    `${members.length} người, ${taskCount} việc cần chú ý\n`;
  const mentions: MessageMention[] = [];
  for (const member of members) {
    text += style === 'titles' ? '\n' : '';
    const handle = `@${member.name}`;
    mentions.push({ offset: text.length, length: handle.length, userId: member.userId });
    text += handle;
    text += style === 'titles' ? '\n' + member.tasks.map((task) => titleLine(task, input)).join('\n') : ': ';
    if (style === 'standing') text += member.tasks.map((task) => `#${task.id} (${standing(task, input)})`).join(', ');
    if (style === 'ids') text += member.tasks.map((task) => `#${task.id}${overdueMark(task, input)}`).join(', ');
    text += '\n';
  }
  if (style === 'ids') text += '(⚠️ = quá hạn)\n';
  text += `\n${GROUP_DIGEST_FOOTER}`;
  return { text, mentions, officialIds: members.map((member) => member.officialId) };
}

function titleLine(task: DigestTask, input: GroupDigestInput): string {
  return `• #${task.id} ${shortTitle(task.title.replace(/\s+/g, ' ').trim(), GROUP_TITLE_LENGTH)} — ${deadlineText(task)} — ${standing(task, input)}`;
}

function standing(task: DigestTask, input: GroupDigestInput): string {
  return standingText(task, input.today, input.calendar);
}

function overdueMark(task: DigestTask, input: GroupDigestInput): string {
  return standingOf(task, input.today, input.calendar).kind === 'overdue' ? '⚠️' : '';
}
