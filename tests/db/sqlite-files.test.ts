import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseNotWritableError, openDatabase, prepareSqliteFile } from '../../src/db/database.ts';

const isRoot = process.getuid?.() === 0;
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('SQLite files', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-files-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates a new database file 0600 and its missing directories 0700, leaving existing ones alone', async () => {
    const root = tempDir();
    chmodSync(root, 0o755);
    const path = join(root, 'data', 'bot', 'nhacviec.db');
    const database = await openDatabase(`file:${path}`);
    await database.close();
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(root, 'data'))).toBe(0o700);
    expect(modeOf(join(root, 'data', 'bot'))).toBe(0o700);
    expect(modeOf(root)).toBe(0o755);
  });

  it('keeps the mode of an existing database file', () => {
    const root = tempDir();
    const path = join(root, 'old.db');
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    prepareSqliteFile(path);
    expect(modeOf(path)).toBe(0o640);
  });

  // As root every file is writable; the spawned-process test in tests/app/start.test.ts covers it.
  it.skipIf(isRoot)('refuses a read-only file and a read-only directory, naming the path and why', () => {
    const root = tempDir();
    const path = join(root, 'ro.db');
    writeFileSync(path, '');
    chmodSync(path, 0o444);
    expect(() => prepareSqliteFile(path)).toThrow(DatabaseNotWritableError);
    expect(() => prepareSqliteFile(path)).toThrow(`Không ghi được vào cơ sở dữ liệu SQLite ${path}: tệp không cho ghi`);
    const dir = join(root, 'ro-dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.db'), '');
    chmodSync(dir, 0o555);
    expect(() => prepareSqliteFile(join(dir, 'x.db'))).toThrow(`thư mục ${dir} không cho ghi`);
  });
});
