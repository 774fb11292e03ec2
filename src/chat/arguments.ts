// Argument schemas shared by commands. Each takes the words after the command name and yields
// typed values; every message is a Vietnamese sentence the router shows as is (with the usage).
import { z } from 'zod';

export const MAX_IDS_PER_MESSAGE = 20;
export const MAX_NOTE_LENGTH = 500;

const ID = /^\d{1,9}$/;

/** No words after the name. */
export const noArgs = z
  .array(z.string())
  .max(0, { error: 'Lệnh này không cần thêm gì sau tên lệnh.' })
  .transform(() => ({}));

/** Exactly one task number. */
export const oneTaskId = z.string().regex(ID, { error: 'Số việc phải là một số, ví dụ 12.' }).transform(Number);

/** `12`, `12 13`, `12,13` at the start; the rest of the words (if any) is a free note. */
export const taskIdsThenNote = z.array(z.string()).transform((words, ctx) => {
  const ids: number[] = [];
  let index = 0;
  for (; index < words.length; index++) {
    const parts = words[index]!.split(/[,;]+/)
      .map((part) => part.replace(/^#+/, ''))
      .filter(Boolean);
    if (parts.length === 0 || !parts.every((part) => ID.test(part))) break;
    ids.push(...parts.map(Number));
  }
  if (ids.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'Hãy ghi số việc, ví dụ: /xong 12 (số việc có trong tin nhắc hoặc /viec).',
    });
    return z.NEVER;
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_IDS_PER_MESSAGE) {
    ctx.addIssue({ code: 'custom', message: `Mỗi lần báo tối đa ${MAX_IDS_PER_MESSAGE} việc.` });
    return z.NEVER;
  }
  const note = words.slice(index).join(' ');
  if (note.length > MAX_NOTE_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `Ghi chú dài tối đa ${MAX_NOTE_LENGTH} ký tự.` });
    return z.NEVER;
  }
  return { ids: unique, note: note === '' ? undefined : note };
});

/** `12`, `12 13`, `12,13` or nothing at all; no other words. */
export const optionalTaskIds = z.array(z.string()).transform((words, ctx) => {
  const parts = words.flatMap((word) => word.split(/[,;]+/)).filter(Boolean);
  if (!parts.every((part) => ID.test(part))) {
    ctx.addIssue({ code: 'custom', message: 'Chỉ ghi số việc, ví dụ 12 (hoặc để trống).' });
    return z.NEVER;
  }
  const ids = [...new Set(parts.map(Number))];
  if (ids.length > MAX_IDS_PER_MESSAGE) {
    ctx.addIssue({ code: 'custom', message: `Mỗi lần tối đa ${MAX_IDS_PER_MESSAGE} việc.` });
    return z.NEVER;
  }
  return ids;
});

/** One task number, then (optionally) why, in free words. */
export const taskIdThenReason = z.array(z.string()).transform((words, ctx) => {
  const [first, ...rest] = words;
  const id = first?.replace(/[,;:]+$/, '');
  if (id === undefined || !ID.test(id)) {
    ctx.addIssue({ code: 'custom', message: 'Hãy ghi số việc, ví dụ 12.' });
    return z.NEVER;
  }
  const reason = rest.join(' ');
  if (reason.length > MAX_NOTE_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `Lý do dài tối đa ${MAX_NOTE_LENGTH} ký tự.` });
    return z.NEVER;
  }
  return { id: Number(id), reason: reason === '' ? undefined : reason };
});

/** One task number, then why: required (e.g. /huy). */
export const taskIdThenRequiredReason = taskIdThenReason.transform((args, ctx) => {
  if (args.reason === undefined) {
    ctx.addIssue({ code: 'custom', message: `Hãy ghi lý do sau số việc, ví dụ: ${args.id} trùng với việc khác.` });
    return z.NEVER;
  }
  return { id: args.id, reason: args.reason };
});

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/;

/** One task number, then an official's username (`12 tranvanc`, `#12 @tranvanc`). */
export const taskIdThenUsername = z.array(z.string()).transform((words, ctx) => {
  const [first, second, ...rest] = words;
  const id = first?.replace(/[,;:]+$/, '');
  if (id === undefined || !ID.test(id)) {
    ctx.addIssue({ code: 'custom', message: 'Hãy ghi số việc, ví dụ 12.' });
    return z.NEVER;
  }
  const username = second?.replace(/^@/, '').toLowerCase();
  if (username === undefined || rest.length > 0 || !USERNAME.test(username)) {
    ctx.addIssue({
      code: 'custom',
      message: 'Hãy ghi tên đăng nhập của người nhận việc sau số việc, ví dụ: 12 tranvanc.',
    });
    return z.NEVER;
  }
  return { id: Number(id), username };
});

/** The first message of a failed parse, for the reply. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Lệnh chưa đúng.';
}

/** A petition or dossier code as the one-stop system prints it, e.g. 000.00.12.H39-261110-0003. */
export const RECORD_CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;
