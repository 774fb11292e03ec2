import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLocalDate, type LocalDate } from '../../src/domain/local-date.ts';

/** A LocalDate from a literal, failing loudly on a typo in the test itself. */
export function day(text: string): LocalDate {
  const parsed = parseLocalDate(text);
  if (!parsed) throw new Error(`bad date in test: ${text}`);
  return parsed;
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nhacviec-domain-')), name);
  writeFileSync(path, text);
  return path;
}

/** The error a function throws (fails the test when it does not throw). */
export function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but none was thrown');
}
