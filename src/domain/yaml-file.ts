// Shared by every YAML config file (calendar, duties): parse, validate with zod, and refuse a bad
// file with one error naming the file, the line and the reason, so whoever edits it can fix it.
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from './local-date.ts';
import { InputFileError } from './errors.ts';

export class YamlFileError extends InputFileError {}

export type YamlErrorFactory = new (file: string, line: number | undefined, reason: string) => YamlFileError;

const vietnameseMessages = z.locales.vi().localeError;

/** A required, non-blank string. */
export function requiredText(field: string) {
  return z
    .string({ error: `${field} phải là chuỗi` })
    .trim()
    .min(1, `${field} không được để trống`);
}

/** A date written `YYYY-MM-DD` that exists on the calendar (2025-02-30 is refused). */
export const localDateSchema = z
  .string({ error: 'phải là ngày dạng YYYY-MM-DD' })
  .refine(isLocalDate, {
    error: (issue) => `ngày không hợp lệ "${String(issue.input)}" (cần YYYY-MM-DD và là ngày có thật)`,
  })
  .transform((text) => text as LocalDate);

/**
 * A union that chooses its branch from the input's shape, so a mistake is reported against the
 * branch the author meant instead of zod's generic "invalid input" for failed unions.
 */
export function shapeSwitch<T>(pick: (input: unknown) => z.ZodType<T> | undefined, mismatch: string): z.ZodType<T> {
  return z.unknown().transform((input, ctx) => {
    const schema = pick(input);
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: mismatch });
      return z.NEVER;
    }
    const result = schema.safeParse(input, { error: vietnameseMessages, reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', message: reasonOf(issue), path: issuePath(issue) });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

/** A problem found across entries (an overlap, a contradiction), at `path` in the file. */
export interface YamlProblem {
  path: PathItem[];
  reason: string;
}

/** Checks what the schema accepted; `lineOf` gives the line of another entry to name it. */
export type YamlCheck<T> = (data: T, lineOf: (path: PathItem[]) => number) => YamlProblem | undefined;

/** Parses YAML text already read from `file`; throws `makeError` on the first problem. */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  makeError: YamlErrorFactory = YamlFileError,
  check?: YamlCheck<z.output<S>>,
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line ?? 1;
    const summary = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new makeError(file, line, `lỗi cú pháp YAML: ${summary}`);
  }
  const lineOf = (path: PathItem[]): number => {
    const offset = offsetOf(doc.contents, path);
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  const result = schema.safeParse(doc.toJS(), { error: vietnameseMessages, reportInput: true });
  if (result.success) {
    const problem = check?.(result.data, lineOf);
    if (problem) throw new makeError(file, lineOf(problem.path), `${formatPath(problem.path)}${problem.reason}`);
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const path = issuePath(issue);
  throw new makeError(file, lineOf(path), `${formatPath(path)}${reasonOf(issue)}`);
}

export function readYamlFileWithSchema<S extends z.ZodType>(
  path: string,
  schema: S,
  makeError: YamlErrorFactory = YamlFileError,
  check?: YamlCheck<z.output<S>>,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new makeError(path, undefined, `không đọc được tệp (${(error as Error).message})`);
  }
  return parseYamlWithSchema(text, path, schema, makeError, check);
}

export type PathItem = PropertyKey;

// An unknown key is reported on its parent object; point at the key itself instead.
function issuePath(issue: z.core.$ZodIssue): PathItem[] {
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return [...issue.path, issue.keys[0]];
  return [...issue.path];
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input == null) {
    return issue.path.length === 0 ? 'tệp không có nội dung' : 'thiếu (bắt buộc phải có)';
  }
  if (issue.code === 'unrecognized_keys') return `khóa không được phép "${issue.keys.join('", "')}"`;
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `phải là một trong: ${issue.options.join(', ')}`;
  }
  return issue.message;
}

function formatPath(path: PathItem[]): string {
  if (path.length === 0) return '';
  const text = path
    .map((item, index) => {
      if (typeof item === 'number') return `[${item}]`;
      return index === 0 ? String(item) : `.${String(item)}`;
    })
    .join('');
  return `${text}: `;
}

/** Start offset of the deepest node along `path` that exists in the document. */
function offsetOf(root: unknown, path: PathItem[]): number | undefined {
  let node: unknown = root;
  let offset = rangeStart(node);
  for (const item of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (candidate) => isPair(candidate) && isScalar(candidate.key) && candidate.key.value === item,
      );
      if (!pair) break;
      // The key's line for a nested block; the value's own line for a scalar or flow item.
      offset = rangeStart(isScalar(pair.value) ? pair.value : pair.key) ?? offset;
      next = pair.value;
    } else if (isSeq(node) && typeof item === 'number') {
      next = node.items[item];
      if (next === undefined) break;
      offset = rangeStart(next) ?? offset;
    } else {
      break;
    }
    node = next;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
