// Argument parsers for commander options: each turns text into a value or a clear Vietnamese error.
import { InvalidArgumentError } from 'commander';
import { unitCodeProblem, usernameProblem } from '../domain/identifiers.ts';
import { dateRangeMessage, parseLocalDate, type LocalDate } from '../domain/local-date.ts';
import { ROLES, type Role } from '../domain/model.ts';
import { unsafeTextReason } from '../domain/unsafe-text.ts';

export function dateArgument(text: string): LocalDate {
  const date = parseLocalDate(text);
  if (!date)
    throw new InvalidArgumentError(
      dateRangeMessage(text) ?? `ngày "${text}" không hợp lệ (dùng dd/MM/yyyy hoặc YYYY-MM-DD).`,
    );
  return date;
}

const DECIMAL = /^-?\d{1,15}$/;

/** A plain decimal integer as typed (`12`, `-2`); undefined for `0x10`, `1e3`, `12abc`, ` 12`, `+12`. */
export function decimalInteger(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

export function roleArgument(text: string): Role {
  if (!(ROLES as string[]).includes(text)) throw new InvalidArgumentError(`vai trò phải là ${ROLES.join(' | ')}.`);
  return text as Role;
}

export function taskIdArgument(text: string): number {
  const id = decimalInteger(text.replace(/^#/, ''));
  if (id === undefined || id <= 0 || id > 999_999_999)
    throw new InvalidArgumentError(`"${text}" không phải số hiệu việc.`);
  return id;
}

export function codeArgument(text: string): string {
  const problem = unitCodeProblem(text);
  if (problem) throw new InvalidArgumentError(problem);
  return text;
}

export function nonEmptyText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new InvalidArgumentError('không được để trống.');
  if (trimmed.length > 500) throw new InvalidArgumentError('dài quá 500 ký tự.');
  const unsafe = unsafeTextReason(trimmed);
  if (unsafe) throw new InvalidArgumentError(`${unsafe}.`);
  return trimmed;
}

export function usernameArgument(text: string): string {
  const problem = usernameProblem(text);
  if (problem) throw new InvalidArgumentError(problem);
  return text;
}
