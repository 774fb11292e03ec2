// Writes a report or export file for the CLI; a path that cannot be written is the user's to fix.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';

export function writeOutputFile(path: string, content: string | Buffer): string {
  const absolute = resolve(path);
  try {
    writeFileSync(absolute, content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(
      `Không ghi được tệp "${path}" (${reason}). Kiểm tra thư mục và quyền ghi.`,
      'OUTPUT_NOT_WRITABLE',
    );
  }
  return absolute;
}
